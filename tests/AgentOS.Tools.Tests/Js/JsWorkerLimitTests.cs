using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.Js;

namespace AgentOS.Tools.Tests.Js;

/// <summary>
/// The process boundary: scripts that Jint's cooperative limits do not stop in time are stopped by the host
/// (killed at the deadline) or by the OS limits, and the worker is replaced.
/// </summary>
public sealed class JsWorkerLimitTests
{
    private static JsonElement Code(string code) => JsonSerializer.SerializeToElement(new { code });

    [Fact]
    public async Task Invoke_BuiltInOutrunsTimeout_WorkerIsKilledAtDeadlineAndReplaced()
    {
        // Printing a 280,000-digit BigInt is one call into .NET that takes many seconds and never reaches
        // a Jint constraint check; only the kill at the deadline ends it.
        using var tool = new JsTool(new JsToolOptions { Timeout = TimeSpan.FromSeconds(2), KillGrace = TimeSpan.Zero, PoolSize = 1 });
        await tool.WarmUpAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await tool.InvokeAsync(Code("String(7n ** 330000n).length"));
        var elapsed = started.Elapsed;

        Assert.Equal(ToolErrorCode.Timeout, result.Error!.Code);
        Assert.Equal("the script ran past its time limit of 2000 ms and was stopped", result.Error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"the kill took {elapsed}");

        // The killed worker is replaced in the background, and the tool keeps working.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (tool.IdleWorkers < 1 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, tool.IdleWorkers);
        var next = await tool.InvokeAsync(Code("'alive'"));
        Assert.Equal("""{"result":"alive"}""", next.ToString());
    }

    [Fact]
    public async Task Invoke_AllocationPastHeapLimit_IsStoppedByTheProcessLimit()
    {
        // Jint's allocation budget is set far above the worker's heap limit, so only the process limit can stop it.
        using var tool = new JsTool(new JsToolOptions
        {
            PoolSize = 1,
            MemoryLimitBytes = 8L << 30,
            WorkerHeapLimitBytes = 96L << 20,
            MaxArraySize = uint.MaxValue,
        });
        var result = await tool.InvokeAsync(Code("new Uint8Array(5e8).length"));

        Assert.Equal(ToolErrorCode.LimitExceeded, result.Error!.Code);
        var next = await tool.InvokeAsync(Code("1"));
        Assert.Equal("""{"result":1}""", next.ToString());
    }

    [Fact]
    public async Task Invoke_WornOutWorkers_AreReplacedWithoutFailingCalls()
    {
        using var tool = new JsTool(new JsToolOptions { PoolSize = 1, MaxConcurrentScripts = 1, MaxScriptsPerWorker = 1 });
        for (var i = 0; i < 3; i++)
        {
            var result = await tool.InvokeAsync(Code($"{i} + 1"));
            Assert.Equal($$"""{"result":{{i + 1}}}""", result.ToString());
        }
    }

    [Fact]
    public async Task Invoke_MissingWorker_ReportsInternalError()
    {
        using var tool = new JsTool(new JsToolOptions { WorkerPath = "/nonexistent/AgentOS.Tools.JsWorker.dll" });
        var result = await tool.InvokeAsync(Code("1"));
        Assert.Equal(ToolErrorCode.InternalError, result.Error!.Code);
        Assert.Equal("the JavaScript worker /nonexistent/AgentOS.Tools.JsWorker.dll does not exist", result.Error.Message);
    }
}
