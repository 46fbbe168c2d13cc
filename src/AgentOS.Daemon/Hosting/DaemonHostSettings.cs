using Microsoft.Extensions.DependencyInjection;

namespace AgentOS.Daemon.Hosting;

/// <summary>What the caller of <see cref="DaemonHost.Build"/> decides: the command line's settings and extra services.</summary>
public sealed class DaemonHostSettings
{
    /// <summary>Settings from the command line (keys as in <see cref="DaemonOptions"/>: <c>Socket</c>, <c>Data</c>, <c>Plugins:0</c>); they win over every other source.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON configuration file to read after <c>appsettings.json</c>; null for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Registers services the daemon needs from outside, above all the <c>ITaskRunner</c>.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}
