using System.Text.Json;

namespace AgentOS.Abstractions;

/// <summary>
/// A tool the model can call. Implementations never throw for bad input or failure: they return
/// <see cref="ToolResult.Fail(ToolErrorCode, string)"/>, which the model reads as data. The host validates
/// the arguments against <see cref="ToolDefinition.ParametersSchema"/> before the call.
/// </summary>
public interface ITool
{
    /// <summary>Name, description, argument schema and capabilities.</summary>
    ToolDefinition Definition { get; }

    /// <summary>Runs the tool.</summary>
    /// <param name="arguments">The call's arguments, a JSON object already validated against the schema.</param>
    /// <param name="cancellationToken">Cancels the call; the tool stops as soon as it can.</param>
    Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default);
}
