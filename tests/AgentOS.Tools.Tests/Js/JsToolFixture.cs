using AgentOS.Tools.Js;

namespace AgentOS.Tools.Tests.Js;

/// <summary>One pool of real worker processes shared by the js tests, so they pay for starting .NET once.</summary>
public sealed class JsToolFixture : IAsyncLifetime
{
    // A lower statement limit than the default keeps the endless-loop tests quick on a busy machine.
    public JsTool Tool { get; } = new(new JsToolOptions { PoolSize = 2, MaxStatements = 1_000_000 });

    public Task InitializeAsync() => Tool.WarmUpAsync();

    public Task DisposeAsync()
    {
        Tool.Dispose();
        return Task.CompletedTask;
    }
}
