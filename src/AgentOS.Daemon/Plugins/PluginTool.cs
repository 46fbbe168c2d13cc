using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Daemon.Plugins;

/// <summary>
/// A plugin's tool as the daemon offers it: its definition carries the plugin's declared capabilities
/// on top of the tool's own (so the policy checks both), and whatever the plugin throws becomes an
/// error result naming the plugin.
/// </summary>
internal sealed class PluginTool : ITool
{
    private readonly ITool _inner;
    private readonly string _plugin;

    public PluginTool(ITool inner, string plugin, IReadOnlyList<string> pluginCapabilities)
    {
        _inner = inner;
        _plugin = plugin;
        var definition = inner.Definition;
        Definition = definition with { Capabilities = definition.Capabilities.Union(pluginCapabilities, StringComparer.Ordinal).ToList() };
    }

    public ToolDefinition Definition { get; }

    public ITool Inner => _inner;

    public async Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false)
                ?? ToolResult.Fail(ToolErrorCode.InternalError, $"The plugin '{_plugin}' returned no result.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A plugin's bug is a result the model reads, never an exception the daemon dies of.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ToolResult.Fail(ToolErrorCode.InternalError, $"The plugin '{_plugin}' failed: {exception.Message}");
        }
    }
}
