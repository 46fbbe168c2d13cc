using System.Text.Json;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Tests.Support;
using AgentOS.Testing;

namespace AgentOS.Daemon.Tests.Runs;

/// <summary>The daemon's own runner — the kernel's loop on the batch scheduler — on real llama.cpp with the generated test model.</summary>
public sealed class KernelTaskRunnerTests : IDisposable
{
    private static readonly string[] EndStates = ["completed", "failed"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_RealModel_StoresStreamedTextStatsAndTranscriptUnderItsBudget()
    {
        await using var daemon = await TestDaemon.StartAsync(_dir, runner: null, s =>
        {
            s.Overrides["Model"] = TestModels.TinyLlamaPath;
            s.Overrides["Threads"] = "1";
            s.Overrides["ContextSize"] = "4096";
            s.Overrides["Concurrency"] = "2";
            s.Overrides["MaxTokens"] = "24";
        });
        var tools = await daemon.Client.ToolsAsync();
        Assert.Contains(tools, t => t.Name == "calculator" && t.Source == "builtin");

        var tasks = await Task.WhenAll(
            daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "What is 2+2?", Tools = ["calculator"] }),
            daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "Say hello.", Tools = [] }));
        var results = await Task.WhenAll(tasks.Select(t => daemon.Client.WaitAsync(t.Id).WaitAsync(TimeSpan.FromSeconds(120))));

        foreach (var done in results)
        {
            // The random-weight model answers nonsense or runs out of tokens; either way the run ends cleanly.
            Assert.Contains(done.Task.State, EndStates);
            var stats = done.Stats!.Value;
            Assert.InRange(stats.GetProperty("tokensGenerated").GetInt32(), 1, 24);
            Assert.True(stats.GetProperty("tokensPrefilled").GetInt32() > 0);
            var transcript = done.Transcript!.Value;
            Assert.Equal(done.Task.Text, transcript.GetProperty("task").GetString());
            Assert.Equal("user", transcript.GetProperty("messages")[0].GetProperty("role").GetString());
        }

        // The tools a task may use are the ones it was granted.
        Assert.Equal(["calculator"], results[0].Transcript!.Value.GetProperty("tools").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(results[1].Transcript!.Value.GetProperty("tools").EnumerateArray());

        var events = new List<TaskEventView>();
        await foreach (var ev in daemon.Client.WatchAsync(tasks[0].Id))
        {
            events.Add(ev);
        }

        Assert.Contains(events, e => e.Kind is "text" or "thinking" or "tool_call" or "answer" or "error");
        Assert.Equal(JsonValueKind.Object, events[^1].Data.ValueKind);
    }
}
