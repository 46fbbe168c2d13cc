using AgentOS.Daemon.Store;

namespace AgentOS.Daemon.Runs;

/// <summary>
/// Runs one task to its end: the daemon's view of the kernel. The dispatcher persists what the
/// runner reports, so a runner never touches the store.
/// </summary>
public interface ITaskRunner
{
    /// <summary>What the runner runs tasks on, for status displays (the model file); null when nothing is loaded.</summary>
    string? Model { get; }

    /// <summary>
    /// Runs <paramref name="task"/>, reporting events and transcript checkpoints through
    /// <paramref name="progress"/>, and returns how it ended. Cancellation (by the user or because the
    /// daemon stops) ends the run with an <see cref="OperationCanceledException"/> after the runner
    /// has reported its latest checkpoint.
    /// </summary>
    /// <param name="task">The task, with its submission (text, tools, capabilities, budgets).</param>
    /// <param name="resumeFrom">The transcript checkpoint of an earlier, interrupted run to continue from; null to start fresh.</param>
    /// <param name="progress">Where the run reports what happens.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task<TaskRunOutcome> RunAsync(TaskRecord task, string? resumeFrom, ITaskRunProgress progress, CancellationToken cancellationToken);
}
