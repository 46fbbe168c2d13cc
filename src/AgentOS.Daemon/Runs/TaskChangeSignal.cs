namespace AgentOS.Daemon.Runs;

/// <summary>
/// Wakes everyone waiting for "something about the tasks changed" (a new event, a new task, a run
/// that ended). The store stays the source of truth: take <see cref="Changed"/> first, read the
/// store, then await the task taken — a change between the read and the wait is never missed.
/// </summary>
public sealed class TaskChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>.</summary>
    public Task Changed => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every current waiter.</summary>
    public void Notify()
    {
        var current = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        current.TrySetResult();
    }
}
