using System.Text.Json;

namespace AgentOS.Daemon.Api;

/// <summary>A tool the daemon offers (<c>GET /v1/tools</c>).</summary>
/// <param name="Name">The name the model calls it by.</param>
/// <param name="Description">What it does.</param>
/// <param name="Parameters">The JSON schema of its arguments.</param>
/// <param name="Capabilities">Capabilities a task must grant to use it.</param>
/// <param name="Source"><c>builtin</c>, or the plugin it comes from.</param>
public sealed record ToolView(string Name, string Description, JsonElement Parameters, IReadOnlyList<string> Capabilities, string Source);
