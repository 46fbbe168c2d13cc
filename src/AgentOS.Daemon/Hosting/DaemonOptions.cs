namespace AgentOS.Daemon.Hosting;

/// <summary>
/// The daemon's settings, bound from the root of the configuration: appsettings.json, then
/// environment variables with the prefix <c>AGENTOS_</c> (<c>AGENTOS_SOCKET</c>, <c>AGENTOS_CONCURRENCY</c>,
/// <c>AGENTOS_PLUGINS__0</c>), then the command line. Every default is the one written here and is
/// checked by <see cref="DaemonOptionsValidator"/> when the daemon starts.
/// </summary>
public sealed class DaemonOptions
{
    /// <summary>The GGUF model; default <c>models/agentos-tiny.gguf</c> found next to the program or in the working folder.</summary>
    public string? Model { get; set; }

    /// <summary>The context size in tokens, shared by all concurrent runs (default 8192).</summary>
    public int ContextSize { get; set; } = 8192;

    /// <summary>CPU threads for decoding; null (the default) lets the engine choose.</summary>
    public int? Threads { get; set; }

    /// <summary>Layers offloaded to the GPU; null (the default) lets the engine choose (all when a GPU is present).</summary>
    public int? GpuLayers { get; set; }

    /// <summary>How many tasks run at the same time, each on its own KV sequence (default 4, 1 to 64).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The Unix domain socket of the local API; default <see cref="DaemonPaths.DefaultSocketPath"/>.</summary>
    public string? Socket { get; set; }

    /// <summary>The folder of the task database and default plugin folder; default <see cref="DaemonPaths.DefaultDataDirectory"/>.</summary>
    public string? Data { get; set; }

    /// <summary>Extra plugin folders, searched after <c>DATA/plugins</c> (default: none).</summary>
    public IList<string> Plugins { get; } = [];

    /// <summary>TCP port of the optional HTTP listener; null (the default) means no TCP listener.</summary>
    public int? TcpPort { get; set; }

    /// <summary>Address the TCP listener binds to (default 127.0.0.1).</summary>
    public string TcpAddress { get; set; } = "127.0.0.1";

    /// <summary>Bearer token every TCP request must carry; required (16 characters or more) when <see cref="TcpPort"/> is set.</summary>
    public string? TcpToken { get; set; }

    /// <summary>What happens to runs cut short by a stop or a crash (default <see cref="RecoveryMode.Interrupt"/>).</summary>
    public RecoveryMode Recovery { get; set; } = RecoveryMode.Interrupt;

    /// <summary>Most model turns of a task that sets no limit of its own (default 8).</summary>
    public int MaxSteps { get; set; } = 8;

    /// <summary>Most generated tokens of a task that sets no limit of its own (default 1024).</summary>
    public int MaxTokens { get; set; } = 1024;

    /// <summary>Wall-clock limit of a task that sets none of its own, in seconds (default 300).</summary>
    public int TaskTimeoutSeconds { get; set; } = 300;

    /// <summary>Longest one tool call may run, in seconds (default 30).</summary>
    public int ToolTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a task database call waits for a lock held by another process, in seconds (default 5).</summary>
    public int DatabaseBusyTimeoutSeconds { get; set; } = 5;

    /// <summary>The data folder, resolved.</summary>
    public string ResolvedDataDirectory => Path.GetFullPath(Data ?? DaemonPaths.DefaultDataDirectory());

    /// <summary>The socket path, resolved.</summary>
    public string ResolvedSocketPath => Path.GetFullPath(Socket ?? DaemonPaths.DefaultSocketPath());

    /// <summary>The task database file inside the data folder.</summary>
    public string DatabasePath => Path.Combine(ResolvedDataDirectory, "tasks.db");

    /// <summary>Plugin folders in search order: <c>DATA/plugins</c>, then <see cref="Plugins"/>.</summary>
    public IReadOnlyList<string> ResolvedPluginDirectories =>
        [Path.Combine(ResolvedDataDirectory, "plugins"), .. Plugins.Select(p => Path.GetFullPath(p))];
}
