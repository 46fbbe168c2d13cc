namespace AgentOS.Daemon.Plugins;

/// <summary>What happened to one plugin when the daemon loaded it.</summary>
/// <param name="Name">The plugin's name (its folder name when the manifest could not be read).</param>
/// <param name="Kind">Its kind, or null when the manifest could not say.</param>
/// <param name="Path">Its folder.</param>
/// <param name="Error">Why it was skipped; null when it loaded.</param>
/// <param name="Tools">Names of the tools it added.</param>
/// <param name="Capabilities">Capabilities it declares.</param>
public sealed record PluginReport(
    string Name,
    PluginKind? Kind,
    string Path,
    string? Error,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> Capabilities)
{
    /// <summary>True when its tools are available.</summary>
    public bool Loaded => Error is null;
}
