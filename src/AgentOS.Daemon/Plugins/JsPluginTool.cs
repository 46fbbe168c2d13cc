using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Daemon.Plugins;

/// <summary>
/// A JavaScript plugin's tool: its script plus a call of its function with the arguments, run by the
/// <c>js</c> tool — the same worker-process sandbox, with the same limits, as the model's own scripts.
/// The arguments go in as a JSON literal, which is valid JavaScript, so nothing the model writes is
/// spliced into code as code.
/// </summary>
internal sealed class JsPluginTool(ToolDefinition definition, string script, string function, ITool js) : ITool
{
    public ToolDefinition Definition { get; } = definition;

    public async Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default)
    {
        var code = $"{script}\n;{function}({arguments.GetRawText()});";
        var result = await js.InvokeAsync(JsonSerializer.SerializeToElement(new { code }), cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result;
        }

        // The js tool answers {"result": VALUE, "console": …}; the plugin's result is VALUE.
        try
        {
            using var document = JsonDocument.Parse(result.Content);
            return document.RootElement.TryGetProperty("result", out var value)
                ? ToolResult.Ok(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())
                : result;
        }
        catch (JsonException)
        {
            return result;
        }
    }
}
