using System.CommandLine;
using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos tool call NAME 'JSON'</c>: runs one built-in tool directly, as the kernel would (the arguments are
/// validated against the tool's schema first). The result goes to standard output with exit code 0; any error
/// is one line on standard error with exit code 1.
/// </summary>
public static class ToolCommand
{
    /// <summary>Creates the <c>tool</c> command with its <c>call</c> subcommand.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The tool to run (see agentos tools)." };
        var arguments = new Argument<string>("arguments")
        {
            Description = "The arguments as a JSON object, e.g. '{\"expression\": \"17*23\"}'.",
            DefaultValueFactory = _ => "{}",
        };
        var call = new Command("call", "Run one tool with JSON arguments and print its result.") { name, arguments };
        call.SetAction((parseResult, cancellationToken) =>
            CallAsync(parseResult, parseResult.GetValue(name)!, parseResult.GetValue(arguments)!, cancellationToken));
        return new Command("tool", "Run a single tool directly.") { call };
    }

    private static async Task<int> CallAsync(ParseResult parseResult, string name, string json, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var tools = BuiltInTools.Create(AgentOSPaths.Resolve(parseResult).CreateToolsOptions());
        try
        {
            var tool = tools.FirstOrDefault(t => t.Definition.Name == name);
            if (tool is null)
            {
                await error.WriteLineAsync($"agentos: unknown tool '{name}'; the tools are {string.Join(", ", BuiltInTools.Names)}").ConfigureAwait(false);
                return 1;
            }

            JsonElement arguments;
            try
            {
                using var document = JsonDocument.Parse(json);
                arguments = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                await error.WriteLineAsync($"agentos: the arguments are not valid JSON: {exception.Message}").ConfigureAwait(false);
                return 1;
            }

            var result = await tool.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                await output.WriteLineAsync(result.Content).ConfigureAwait(false);
                return 0;
            }

            await error.WriteLineAsync($"agentos: {name}: {OneLine(result.Error.Message)}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            foreach (var disposable in tools.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
