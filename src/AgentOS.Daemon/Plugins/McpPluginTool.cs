using System.Text;
using System.Text.Json;
using AgentOS.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AgentOS.Daemon.Plugins;

/// <summary>A tool of an MCP server, called over the plugin's stdio connection.</summary>
internal sealed class McpPluginTool(McpClient client, string plugin, string remoteName, ToolDefinition definition) : ITool
{
    public ToolDefinition Definition { get; } = definition;

    public async Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (arguments.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in arguments.EnumerateObject())
            {
                values[property.Name] = property.Value.Clone();
            }
        }

        try
        {
            var result = await client.CallToolAsync(remoteName, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var block in result.Content)
            {
                if (block is TextContentBlock textBlock)
                {
                    text.Append(textBlock.Text);
                }
            }

            if (text.Length == 0 && result.StructuredContent is { } structured)
            {
                text.Append(structured.GetRawText());
            }

            var content = text.Length == 0 ? "(no content)" : text.ToString();
            return result.IsError == true ? ToolResult.Fail(ToolErrorCode.ExecutionError, content) : ToolResult.Ok(content);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A dead or failing server is a result the model reads.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ToolResult.Fail(ToolErrorCode.InternalError, $"The MCP server of plugin '{plugin}' failed or stopped: {exception.Message}");
        }
    }
}
