using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Daemon.Tests.Fixtures;

public sealed class ThrowingTool : ITool
{
    public ThrowingTool() => throw new InvalidOperationException("the plugin's configuration is missing");

    public ToolDefinition Definition => throw new NotSupportedException();

    public Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
