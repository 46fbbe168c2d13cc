using System.Collections.Concurrent;
using System.Text.Json;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Runs;

/// <summary>
/// Accepts tasks, starts runs for queued ones (up to <see cref="DaemonOptions.Concurrency"/> at a
/// time, highest priority first), records how each ends, and cancels on request. On start it
/// settles the runs a previous process left behind; on stop it cancels running runs, which
/// checkpoint and are recorded as interrupted (or queued again with <see cref="RecoveryMode.Resume"/>).
/// </summary>
public sealed partial class TaskDispatcher : BackgroundService
{
    /// <summary>The reason recorded for runs a dead daemon left behind.</summary>
    public const string CrashedReason = "the daemon stopped unexpectedly while the task ran";

    /// <summary>The reason recorded for runs cut short by a normal stop.</summary>
    public const string StoppedReason = "the daemon was stopped while the task ran";

    /// <summary>The reason recorded for a cancelled task.</summary>
    public const string CancelledReason = "cancelled by the user";

    private readonly TaskStore _store;
    private readonly ITaskRunner _runner;
    private readonly TaskChangeSignal _signal;
    private readonly DaemonOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, RunningTask> _running = new();
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Creates the dispatcher.</summary>
    public TaskDispatcher(TaskStore store, ITaskRunner runner, TaskChangeSignal signal, IOptions<DaemonOptions> options, ILogger<TaskDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _runner = runner;
        _signal = signal;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Ids of the tasks running now.</summary>
    public IReadOnlyCollection<long> RunningTaskIds => _running.Keys.ToList();

    /// <summary>Stores a new task and wakes the dispatch loop.</summary>
    public TaskRecord Submit(TaskSubmission submission)
    {
        var task = _store.Create(submission);
        LogAccepted(_logger, task.Id, submission.Priority);
        _signal.Notify();
        _wake.Release();
        return task;
    }

    /// <summary>
    /// Cancels a task: a queued one at once, a running one by stopping its run and waiting (at most
    /// <paramref name="wait"/>) until the run has recorded its end. Returns the task as it is then,
    /// or null when there is no such task.
    /// </summary>
    public async Task<TaskRecord?> CancelAsync(long id, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var changed = _signal.Changed;
        if (_store.TryTransition(id, [TaskState.Queued], TaskState.Cancelled, CancelledReason) is { } cancelled)
        {
            LogCancelled(_logger, id);
            _signal.Notify();
            return cancelled;
        }

        if (_running.TryGetValue(id, out var running))
        {
            running.CancelByUser();
            LogCancelled(_logger, id);
            var deadline = DateTime.UtcNow + wait;
            while (DateTime.UtcNow < deadline)
            {
                var current = _store.Get(id);
                if (current is null || current.State.IsFinal())
                {
                    return current;
                }

                await WaitForChangeAsync(changed, deadline - DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
                changed = _signal.Changed;
            }
        }

        return _store.Get(id);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Recover();
        while (!stoppingToken.IsCancellationRequested)
        {
            while (_running.Count < _options.Concurrency && _store.ClaimNextQueued() is { } task)
            {
                Start(task, stoppingToken);
            }

            try
            {
                // A submit or a finished run releases the semaphore; the timeout is a safety net.
                await _wake.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        // Graceful stop: every run was cancelled through stoppingToken; wait until each has recorded its end.
        await Task.WhenAll(_running.Values.Select(r => r.Completion)).ConfigureAwait(false);
    }

    private void Recover()
    {
        var orphans = _store.InterruptOrphanedRuns(CrashedReason);
        foreach (var task in orphans)
        {
            LogRecoveredOrphan(_logger, task.Id);
            if (_options.Recovery == RecoveryMode.Resume)
            {
                _store.TryTransition(task.Id, [TaskState.Interrupted], TaskState.Queued, "queued again to resume after a restart");
            }
        }

        if (orphans.Count > 0)
        {
            _signal.Notify();
        }
    }

    private void Start(TaskRecord task, CancellationToken stoppingToken)
    {
        var running = new RunningTask(task.Id, CancellationTokenSource.CreateLinkedTokenSource(stoppingToken));
        _running[task.Id] = running;
        _signal.Notify();
        running.Completion = Task.Run(() => RunAsync(task, running), CancellationToken.None);
    }

    private async Task RunAsync(TaskRecord task, RunningTask running)
    {
        var progress = new StoreRunProgress(_store, _signal, task.Id);
        var resumeFrom = task.Attempts > 1 ? _store.GetTranscript(task.Id) : null;
        LogStarted(_logger, task.Id, task.Attempts);
        try
        {
            var outcome = await _runner.RunAsync(task, resumeFrom, progress, running.Token).ConfigureAwait(false);
            if (!outcome.State.IsFinal() || outcome.State is TaskState.Cancelled or TaskState.Interrupted)
            {
                outcome = TaskRunOutcome.Failed($"the runner ended the task in state '{outcome.State.ToWireName()}'", outcome.Stats, outcome.Transcript);
            }

            _store.Finish(task.Id, outcome.State, new TaskResultRecord(outcome.Answer, outcome.Error, outcome.Stats), outcome.Transcript, outcome.Error);
            var finalState = outcome.State.ToWireName();
            LogFinished(_logger, task.Id, finalState);
        }
        catch (OperationCanceledException) when (running.Token.IsCancellationRequested)
        {
            EndCancelled(task, running);
        }
#pragma warning disable CA1031 // A run that throws must end as a failed task, never take the daemon down.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRunThrew(_logger, exception, task.Id);
            TryFinish(task.Id, TaskState.Failed, $"the run failed: {exception.Message}");
        }
        finally
        {
            _running.TryRemove(task.Id, out _);
            running.Dispose();
            _signal.Notify();
            _wake.Release();
        }
    }

    private void EndCancelled(TaskRecord task, RunningTask running)
    {
        if (running.CancelledByUser)
        {
            TryFinish(task.Id, TaskState.Cancelled, CancelledReason);
        }
        else if (_options.Recovery == RecoveryMode.Resume)
        {
            _store.TryTransition(task.Id, [TaskState.Running], TaskState.Queued, StoppedReason + "; it resumes when the daemon starts again");
            LogInterrupted(_logger, task.Id);
        }
        else
        {
            TryFinish(task.Id, TaskState.Interrupted, StoppedReason);
            LogInterrupted(_logger, task.Id);
        }
    }

    private void TryFinish(long id, TaskState state, string reason)
    {
        try
        {
            _store.Finish(id, state, new TaskResultRecord(null, state == TaskState.Failed ? reason : null, null), null, reason);
        }
        catch (TaskStoreException exception)
        {
            // The task stays "running" in the database; the next start marks it interrupted.
            LogStoreFailed(_logger, exception, id);
        }
    }

    private static async Task WaitForChangeAsync(Task changed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await changed.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} accepted (priority {Priority})")]
    private static partial void LogAccepted(ILogger logger, long taskId, int priority);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} started (attempt {Attempt})")]
    private static partial void LogStarted(ILogger logger, long taskId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} finished: {State}")]
    private static partial void LogFinished(ILogger logger, long taskId, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} cancelled")]
    private static partial void LogCancelled(ILogger logger, long taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} interrupted by the stop; its transcript is saved")]
    private static partial void LogInterrupted(ILogger logger, long taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} was running when the previous daemon died; marked interrupted")]
    private static partial void LogRecoveredOrphan(ILogger logger, long taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId}: the run threw")]
    private static partial void LogRunThrew(ILogger logger, Exception exception, long taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Task {TaskId}: its end could not be stored")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, long taskId);

    /// <summary>A run in progress: its cancellation and its completion.</summary>
    private sealed class RunningTask(long id, CancellationTokenSource cancellation) : IDisposable
    {
        private volatile bool _cancelledByUser;

        public long Id { get; } = id;

        public CancellationToken Token { get; } = cancellation.Token;

        public bool CancelledByUser => _cancelledByUser;

        public Task Completion { get; set; } = Task.CompletedTask;

        public void CancelByUser()
        {
            _cancelledByUser = true;
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended meanwhile.
            }
        }

        public void Dispose() => cancellation.Dispose();
    }

    /// <summary>Stores what a run reports and wakes the event streams.</summary>
    private sealed class StoreRunProgress(TaskStore store, TaskChangeSignal signal, long taskId) : ITaskRunProgress
    {
        public void Report(string kind, object data)
        {
            store.AppendEvent(taskId, kind, JsonSerializer.Serialize(data, DaemonJson.Options));
            signal.Notify();
        }

        public void Checkpoint(string transcript)
        {
            store.SaveTranscript(taskId, transcript);
        }
    }
}
