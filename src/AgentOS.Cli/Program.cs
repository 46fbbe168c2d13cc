using System.CommandLine;

namespace AgentOS.Cli;

/// <summary>Entry point of the <c>agentos</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree; each area of the CLI adds its commands in its own file.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("AgentOS: a local language model as the controller of a tool-calling loop.");
        root.Subcommands.Add(Commands.ModelCommand.Create());
        root.Subcommands.Add(Commands.DaemonCommand.Create());
        Commands.TaskCommands.AddTo(root);
        root.Subcommands.Add(Commands.PluginsCommand.Create());
        root.Options.Add(AgentOSPaths.CreateDataOption());
        root.Subcommands.Add(Commands.ToolCommand.Create());
        root.Subcommands.Add(Commands.ToolsCommand.Create());
        root.Subcommands.Add(Commands.IndexCommand.Create());
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.EvalCommand.Create());
        return root;
    }

    /// <summary>Runs the CLI and returns the process exit code.</summary>
    public static Task<int> Main(string[] args) => BuildRootCommand().Parse(args).InvokeAsync();
}
