using System.CommandLine;
using AgentOS.Daemon.Hosting;
using AgentOS.Tools;

namespace AgentOS.Cli;

/// <summary>
/// Where the CLI keeps its state: the global <c>--data DIR</c> option when given, else
/// <see cref="DaemonPaths.DefaultDataDirectory"/> (<c>$AGENTOS_HOME</c>, else <c>$XDG_DATA_HOME/agentos</c> or
/// <c>~/.local/share/agentos</c>). Every command that stores something resolves its folder here.
/// </summary>
public sealed class AgentOSPaths
{
    /// <summary>The global option's name.</summary>
    public const string DataOptionName = "--data";

    private AgentOSPaths(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>The data folder (a full path; it may not exist yet).</summary>
    public string DataDirectory { get; }

    /// <summary>The retrieval index inside <see cref="DataDirectory"/>.</summary>
    public string IndexDatabase => Path.Combine(DataDirectory, ToolsOptions.IndexFileName);

    /// <summary>Creates the global <c>--data</c> option; the root command adds it once, and it applies to every subcommand.</summary>
    public static Option<string?> CreateDataOption() => new(DataOptionName)
    {
        Description = "Folder for the index and other state (default: $AGENTOS_HOME, else ~/.local/share/agentos).",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>The paths for a parsed command line.</summary>
    public static AgentOSPaths Resolve(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return FromDataDirectory(parseResult.GetValue<string?>(DataOptionName));
    }

    /// <summary>The paths for an explicit data folder, or the default one when null or empty.</summary>
    public static AgentOSPaths FromDataDirectory(string? dataDirectory) =>
        new(Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? DaemonPaths.DefaultDataDirectory() : dataDirectory));

    /// <summary>Settings for <see cref="BuiltInTools.Create"/> that keep the tools' state in <see cref="DataDirectory"/>.</summary>
    public ToolsOptions CreateToolsOptions() => new() { DataDirectory = DataDirectory };
}
