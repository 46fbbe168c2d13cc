using System.CommandLine;

namespace AgentOS.Cli.Tests;

/// <summary>Runs <c>agentos</c> in-process for the tool commands' tests, capturing standard output and error.</summary>
internal static class ToolCliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.BuildRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
