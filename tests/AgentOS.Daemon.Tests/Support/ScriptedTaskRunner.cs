using AgentOS.Daemon.Runs;
using AgentOS.Daemon.Store;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>
/// A hand-written runner for the dispatcher's and the API's pure logic (no model): it reports a
/// thought, checkpoints, then answers "echo: TEXT". Text containing "block" waits until cancelled;
/// "fail" throws; "slow" takes 300 ms. It records how many runs overlap.
/// </summary>
public sealed class ScriptedTaskRunner : ITaskRunner
{
    private int _active;
    private int _maxActive;

    public string? Model => "scripted";

    public int MaxConcurrent => Volatile.Read(ref _maxActive);

    public List<(long Id, string? ResumeFrom)> Started { get; } = [];

    public TaskCompletionSource FirstBlockingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<TaskRunOutcome> RunAsync(TaskRecord task, string? resumeFrom, ITaskRunProgress progress, CancellationToken cancellationToken)
    {
        lock (Started)
        {
            Started.Add((task.Id, resumeFrom));
        }

        var now = Interlocked.Increment(ref _active);
        InterlockedMax(ref _maxActive, now);
        try
        {
            progress.Report("thought", new { text = "thinking about " + task.Submission.Text });
            progress.Checkpoint($$"""{"messages":["{{task.Submission.Text}}"]}""");
            var text = task.Submission.Text;
            if (text.Contains("block", StringComparison.Ordinal))
            {
                FirstBlockingStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (text.Contains("slow", StringComparison.Ordinal))
            {
                await Task.Delay(300, cancellationToken);
            }

            if (text.Contains("fail", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("scripted failure");
            }

            return TaskRunOutcome.Completed("echo: " + text, """{"steps":1}""");
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
