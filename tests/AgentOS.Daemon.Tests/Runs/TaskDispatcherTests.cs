using AgentOS.Daemon.Api;
using AgentOS.Daemon.Runs;
using AgentOS.Daemon.Store;
using AgentOS.Daemon.Tests.Support;

namespace AgentOS.Daemon.Tests.Runs;

public sealed class TaskDispatcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dispatch_ManyTasks_NeverRunsMoreThanTheConcurrencyAtOnce()
    {
        var runner = new ScriptedTaskRunner();
        await using var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Concurrency"] = "3");

        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add((await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = $"slow {i}" })).Id);
        }

        foreach (var id in ids)
        {
            Assert.Equal("completed", (await daemon.Client.WaitAsync(id).WaitAsync(TimeSpan.FromSeconds(30))).Task.State);
        }

        Assert.InRange(runner.MaxConcurrent, 2, 3);
    }

    [Fact]
    public async Task Dispatch_QueuedTasks_HighestPriorityStartsFirst()
    {
        var runner = new ScriptedTaskRunner();
        await using var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Concurrency"] = "1");
        var blocker = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "block" });
        await runner.FirstBlockingStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var low = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "low", Priority = -5 });
        var normal = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "normal" });
        var high = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "high", Priority = 10 });
        await daemon.Client.CancelAsync(blocker.Id);
        await daemon.Client.WaitAsync(low.Id).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([blocker.Id, high.Id, normal.Id, low.Id], runner.Started.Select(s => s.Id));
    }

    [Fact]
    public async Task Cancel_QueuedTask_NeverRuns()
    {
        var runner = new ScriptedTaskRunner();
        await using var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Concurrency"] = "1");
        var blocker = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "block" });
        await runner.FirstBlockingStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var queued = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "queued" });

        var cancelled = await daemon.Client.CancelAsync(queued.Id);
        await daemon.Client.CancelAsync(blocker.Id);

        Assert.Equal("cancelled", cancelled.State);
        Assert.DoesNotContain(runner.Started, s => s.Id == queued.Id);
    }

    [Fact]
    public async Task Stop_RunningTask_IsInterruptedWithItsCheckpointAndQueuedOnesStayQueued()
    {
        var runner = new ScriptedTaskRunner();
        var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Concurrency"] = "1");
        var running = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "block me" });
        await runner.FirstBlockingStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var queued = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "waiting" });

        await daemon.DisposeAsync();

        var store = TaskStore.Open(Path.Combine(daemon.DataDirectory, "tasks.db"));
        var interrupted = store.Get(running.Id)!;
        Assert.Equal(TaskState.Interrupted, interrupted.State);
        Assert.Equal(TaskDispatcher.StoppedReason, interrupted.StateReason);
        Assert.Contains("block me", store.GetTranscript(running.Id), StringComparison.Ordinal);
        Assert.Equal(TaskState.Queued, store.Get(queued.Id)!.State);
    }

    [Fact]
    public async Task Start_TaskLeftRunningByADeadDaemon_IsMarkedInterrupted()
    {
        var data = _dir.Combine("data");
        var store = TaskStore.Open(Path.Combine(data, "tasks.db"));
        var orphan = store.Create(new TaskSubmission("was running"));
        store.ClaimNextQueued();
        store.SaveTranscript(orphan.Id, """{"partial":true}""");

        await using var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());
        var details = await WaitForStateAsync(daemon, orphan.Id, "interrupted");

        Assert.Equal(TaskDispatcher.CrashedReason, details.Task.Reason);
        Assert.True(details.Transcript!.Value.GetProperty("partial").GetBoolean());
    }

    [Fact]
    public async Task Start_ResumeMode_RunsTheOrphanAgainFromItsTranscript()
    {
        var data = _dir.Combine("data");
        var store = TaskStore.Open(Path.Combine(data, "tasks.db"));
        var orphan = store.Create(new TaskSubmission("resume me"));
        store.ClaimNextQueued();
        store.SaveTranscript(orphan.Id, """{"partial":true}""");

        var runner = new ScriptedTaskRunner();
        await using var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Recovery"] = "Resume");
        var details = await daemon.Client.WaitAsync(orphan.Id).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("completed", details.Task.State);
        Assert.Equal(2, details.Task.Attempts);
        Assert.Equal("""{"partial":true}""", Assert.Single(runner.Started).ResumeFrom);
    }

    [Fact]
    public async Task Stop_ResumeMode_RunningTaskIsQueuedAgainForTheNextStart()
    {
        var runner = new ScriptedTaskRunner();
        var daemon = await TestDaemon.StartAsync(_dir, runner, s => s.Overrides["Recovery"] = "Resume");
        var task = await daemon.Client.SubmitAsync(new SubmitTaskRequest { Text = "block then resume" });
        await runner.FirstBlockingStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await daemon.DisposeAsync();

        var store = TaskStore.Open(Path.Combine(daemon.DataDirectory, "tasks.db"));
        Assert.Equal(TaskState.Queued, store.Get(task.Id)!.State);
        Assert.Contains("block then resume", store.GetTranscript(task.Id), StringComparison.Ordinal);
    }

    private static async Task<TaskDetailsView> WaitForStateAsync(TestDaemon daemon, long id, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var details = await daemon.Client.GetAsync(id);
            if (details.Task.State == state || DateTime.UtcNow > deadline)
            {
                return details;
            }

            await Task.Delay(50);
        }
    }
}
