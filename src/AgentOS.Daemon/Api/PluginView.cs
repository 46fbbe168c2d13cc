namespace AgentOS.Daemon.Api;

/// <summary>A plugin the daemon found (<c>GET /v1/plugins</c>), loaded or not.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">dotnet, javascript or mcp.</param>
/// <param name="Path">Its folder.</param>
/// <param name="Loaded">True when its tools are available.</param>
/// <param name="Error">Why it was skipped, when it was.</param>
/// <param name="Tools">Names of the tools it provides.</param>
/// <param name="Capabilities">Capabilities it declares.</param>
public sealed record PluginView(
    string Name,
    string Kind,
    string Path,
    bool Loaded,
    string? Error,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> Capabilities);
