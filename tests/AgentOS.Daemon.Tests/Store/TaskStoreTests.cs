using System.Diagnostics;
using AgentOS.Daemon.Store;
using AgentOS.Daemon.Tests.Support;
using Microsoft.Data.Sqlite;

namespace AgentOS.Daemon.Tests.Store;

public sealed class TaskStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private TaskStore OpenStore(TimeSpan? busyTimeout = null) => TaskStore.Open(_dir.Combine("tasks.db"), busyTimeout);

    [Fact]
    public void Create_NewTask_IsQueuedWithItsSubmissionAndAStateEvent()
    {
        var store = OpenStore();
        var submission = new TaskSubmission("What is 2+2?", 5, ["calculator"], ["fs.read:/srv"], new TaskBudgets(4, 100, TimeSpan.FromSeconds(30)));

        var task = store.Create(submission);

        var read = store.Get(task.Id)!;
        Assert.Equal(TaskState.Queued, read.State);
        Assert.Equal("What is 2+2?", read.Submission.Text);
        Assert.Equal(5, read.Submission.Priority);
        Assert.Equal(["calculator"], read.Submission.Tools!);
        Assert.Equal(["fs.read:/srv"], read.Submission.Capabilities);
        Assert.Equal(submission.Budgets, read.Submission.Budgets);
        var ev = Assert.Single(store.ReadEvents(task.Id));
        Assert.Equal("state", ev.Kind);
        Assert.Contains("\"queued\"", ev.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NullToolList_MeansEveryToolAndSurvivesRoundTrip()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("hello"));
        Assert.Null(store.Get(task.Id)!.Submission.Tools);
    }

    [Fact]
    public void Get_UnknownId_ReturnsNull()
    {
        Assert.Null(OpenStore().Get(424242));
    }

    [Fact]
    public void ClaimNextQueued_PicksHighestPriorityThenOldest()
    {
        var store = OpenStore();
        var low = store.Create(new TaskSubmission("low", 0, null, [], TaskBudgets.Default));
        var high1 = store.Create(new TaskSubmission("high1", 9, null, [], TaskBudgets.Default));
        var high2 = store.Create(new TaskSubmission("high2", 9, null, [], TaskBudgets.Default));

        Assert.Equal(high1.Id, store.ClaimNextQueued()!.Id);
        Assert.Equal(high2.Id, store.ClaimNextQueued()!.Id);
        var last = store.ClaimNextQueued()!;
        Assert.Equal(low.Id, last.Id);
        Assert.Equal(TaskState.Running, last.State);
        Assert.Equal(1, last.Attempts);
        Assert.NotNull(last.StartedAt);
        Assert.Null(store.ClaimNextQueued());
    }

    [Fact]
    public void AppendEvent_ManyEvents_AreNumberedInOrder()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("t"));
        for (var i = 0; i < 5; i++)
        {
            store.AppendEvent(task.Id, "thought", $$"""{"i":{{i}}}""");
        }

        var events = store.ReadEvents(task.Id);
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.Sequence));
        Assert.Equal(["state", "thought", "thought", "thought", "thought", "thought"], events.Select(e => e.Kind));
        Assert.Equal([5L, 6], store.ReadEvents(task.Id, afterSequence: 4).Select(e => e.Sequence));
    }

    [Fact]
    public void AppendEvent_ConcurrentWriters_NoSequenceLostOrDuplicated()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("t"));

        Parallel.For(0, 40, i => store.AppendEvent(task.Id, "thought", "{}"));

        var seqs = store.ReadEvents(task.Id).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), seqs);
    }

    [Fact]
    public void Finish_RunningTask_StoresResultTranscriptAndFinalState()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("t"));
        store.ClaimNextQueued();

        Assert.True(store.Finish(task.Id, TaskState.Completed, new TaskResultRecord("4", null, """{"steps":1}"""), """["transcript"]"""));

        var read = store.Get(task.Id)!;
        Assert.Equal(TaskState.Completed, read.State);
        Assert.NotNull(read.FinishedAt);
        Assert.Equal(new TaskResultRecord("4", null, """{"steps":1}"""), store.GetResult(task.Id));
        Assert.Equal("""["transcript"]""", store.GetTranscript(task.Id));
    }

    [Fact]
    public void Finish_TaskNotRunning_ReturnsFalseAndChangesNothing()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("t"));
        store.TryTransition(task.Id, [TaskState.Queued], TaskState.Cancelled, "cancelled by user");

        Assert.False(store.Finish(task.Id, TaskState.Completed, new TaskResultRecord("4", null, null), null));
        Assert.Equal(TaskState.Cancelled, store.Get(task.Id)!.State);
        Assert.Null(store.GetResult(task.Id));
    }

    [Fact]
    public void TryTransition_WrongCurrentState_ReturnsNull()
    {
        var store = OpenStore();
        var task = store.Create(new TaskSubmission("t"));
        Assert.Null(store.TryTransition(task.Id, [TaskState.Running], TaskState.Cancelled));
        Assert.Equal(TaskState.Queued, store.Get(task.Id)!.State);
    }

    [Fact]
    public void InterruptOrphanedRuns_RunningTasks_BecomeInterruptedKeepingTheirTranscript()
    {
        var path = _dir.Combine("tasks.db");
        var first = TaskStore.Open(path);
        var queued = first.Create(new TaskSubmission("queued"));
        var running = first.Create(new TaskSubmission("running", 1, null, [], TaskBudgets.Default));
        first.ClaimNextQueued();
        first.SaveTranscript(running.Id, "partial");

        var second = TaskStore.Open(path);
        var interrupted = second.InterruptOrphanedRuns("the daemon stopped while the task ran");

        Assert.Equal([running.Id], interrupted.Select(t => t.Id));
        var read = second.Get(running.Id)!;
        Assert.Equal(TaskState.Interrupted, read.State);
        Assert.Equal("the daemon stopped while the task ran", read.StateReason);
        Assert.Equal("partial", second.GetTranscript(running.Id));
        Assert.Equal(TaskState.Queued, second.Get(queued.Id)!.State);
    }

    [Fact]
    public void List_ByState_ReturnsNewestFirst()
    {
        var store = OpenStore();
        var a = store.Create(new TaskSubmission("a"));
        var b = store.Create(new TaskSubmission("b"));
        store.TryTransition(a.Id, [TaskState.Queued], TaskState.Cancelled);

        Assert.Equal([b.Id, a.Id], store.List().Select(t => t.Id));
        Assert.Equal([a.Id], store.List(TaskState.Cancelled).Select(t => t.Id));
        Assert.Equal(1, store.CountByState()[TaskState.Queued]);
    }

    [Fact]
    public void Open_ReopenedDatabase_KeepsEverythingAndIsInWalMode()
    {
        var path = _dir.Combine("tasks.db");
        var id = TaskStore.Open(path).Create(new TaskSubmission("persisted")).Id;

        var reopened = TaskStore.Open(path);

        Assert.Equal("persisted", reopened.Get(id)!.Submission.Text);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public void Open_CorruptedFile_ThrowsClearTaskStoreException()
    {
        var path = _dir.Combine("tasks.db");
        File.WriteAllBytes(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());

        var ex = Assert.Throws<TaskStoreException>(() => TaskStore.Open(path));

        Assert.Contains("corrupted", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_DatabaseWithDamagedPages_ThrowsClearTaskStoreException()
    {
        var path = _dir.Combine("tasks.db");
        var store = TaskStore.Open(path);
        for (var i = 0; i < 50; i++)
        {
            store.Create(new TaskSubmission(new string('a', 500)));
        }

        SqliteConnection.ClearAllPools();
        CheckpointAndClose(path);
        // Keep the header (so SQLite opens it) and overwrite the rest with garbage.
        using (var file = File.OpenWrite(path))
        {
            file.Position = 100;
            file.Write(Enumerable.Repeat((byte)0xAB, 20_000).ToArray());
        }

        var ex = Assert.Throws<TaskStoreException>(() => TaskStore.Open(path).List());
        Assert.Contains("corrupted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForeignSqliteDatabase_IsRefused()
    {
        var path = _dir.Combine("other.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (x TEXT)";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<TaskStoreException>(() => TaskStore.Open(path));
        Assert.Contains("not an AgentOS task database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NewerSchemaVersion_IsRefused()
    {
        var path = _dir.Combine("tasks.db");
        TaskStore.Open(path);
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var ex = Assert.Throws<TaskStoreException>(() => TaskStore.Open(path));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DatabaseLockedByAnotherWriter_ThrowsClearErrorAfterTimeout()
    {
        var path = _dir.Combine("tasks.db");
        var store = TaskStore.Open(path, TimeSpan.FromMilliseconds(300));
        using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        holder.Open();
        using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        begin.ExecuteNonQuery();

        var ex = Assert.Throws<TaskStoreException>(() => store.Create(new TaskSubmission("blocked")));

        Assert.Contains("locked by another process", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FolderNotWritable_ThrowsClearError()
    {
        var ex = Assert.Throws<TaskStoreException>(() => TaskStore.Open("/proc/agentos-test/tasks.db"));
        Assert.Contains("/proc/agentos-test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_WriterKilledMidWrite_KeepsEveryCommittedWriteAndStaysConsistent()
    {
        var path = _dir.Combine("tasks.db");
        using var writer = Process.Start(HelperProcess.StartInfo("crash-writer", path))!;
        var committed = new Dictionary<long, int>();
        try
        {
            // Let it get well into its loop, then kill it without warning.
            while (committed.Count < 15)
            {
                var line = await writer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                {
                    Assert.Fail("the writer exited early: " + await writer.StandardError.ReadToEndAsync());
                }

                var parts = line.Split(' ');
                committed[long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)] =
                    int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
        }

        var store = TaskStore.Open(path);
        Assert.Equal("ok", store.CheckIntegrity());
        foreach (var (id, events) in committed)
        {
            Assert.NotNull(store.Get(id));
            Assert.Equal(events, store.ReadEvents(id).Count);
            Assert.Equal($$"""{"turns":{{id}}}""", store.GetTranscript(id));
        }

        // The store is still writable after the crash.
        var after = store.Create(new TaskSubmission("after the crash"));
        Assert.True(after.Id > committed.Keys.Max());
    }

    private static void CheckpointAndClose(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
        command.ExecuteNonQuery();
    }
}
