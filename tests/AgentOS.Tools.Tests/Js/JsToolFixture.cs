using AgentOS.Tools.Js;

namespace AgentOS.Tools.Tests.Js;

/// <summary>One pool of real worker processes shared by the js tests, so they pay for starting .NET once.</summary>
public sealed class JsToolFixture : IAsyncLifetime
{
    // Lower statement and allocation limits than the defaults keep the hostile-script tests quick on a busy machine.
    public JsTool Tool { get; } = new(new JsToolOptions { PoolSize = 2, MaxStatements = 1_000_000, MemoryLimitBytes = 64L << 20 });

    public Task InitializeAsync() => Tool.WarmUpAsync();

    public Task DisposeAsync()
    {
        Tool.Dispose();
        return Task.CompletedTask;
    }
}
