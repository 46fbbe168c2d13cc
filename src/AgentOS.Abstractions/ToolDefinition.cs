using System.Text.Json;

namespace AgentOS.Abstractions;

/// <summary>
/// What the model and the policy know about a tool: its name, what it does, the JSON schema of its
/// arguments, and the capabilities it needs from the host.
/// </summary>
/// <param name="Name">Unique name the model calls the tool by (lowercase, digits and underscores).</param>
/// <param name="Description">One or two sentences the model reads to decide when to call the tool.</param>
/// <param name="ParametersSchema">JSON schema (an object schema) of the call's arguments.</param>
/// <param name="Capabilities">Capabilities the tool needs (see <see cref="ToolCapabilities"/>); empty for pure tools.</param>
public sealed record ToolDefinition(
    string Name,
    string Description,
    JsonElement ParametersSchema,
    IReadOnlyList<string> Capabilities)
{
    /// <summary>Creates a definition for a tool that needs no capability.</summary>
    public ToolDefinition(string name, string description, JsonElement parametersSchema)
        : this(name, description, parametersSchema, [])
    {
    }
}
