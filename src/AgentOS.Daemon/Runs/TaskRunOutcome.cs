using AgentOS.Daemon.Store;

namespace AgentOS.Daemon.Runs;

/// <summary>How a run ended.</summary>
/// <param name="State"><see cref="TaskState.Completed"/> with an answer, or <see cref="TaskState.Failed"/> with an error.</param>
/// <param name="Answer">The final answer, or null.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="Stats">Run statistics as a JSON document, or null.</param>
/// <param name="Transcript">The full transcript (JSON), or null to keep the latest checkpoint.</param>
public sealed record TaskRunOutcome(TaskState State, string? Answer, string? Error, string? Stats, string? Transcript)
{
    /// <summary>A run that answered.</summary>
    public static TaskRunOutcome Completed(string answer, string? stats = null, string? transcript = null) =>
        new(TaskState.Completed, answer, null, stats, transcript);

    /// <summary>A run that failed.</summary>
    public static TaskRunOutcome Failed(string error, string? stats = null, string? transcript = null) =>
        new(TaskState.Failed, null, error, stats, transcript);
}
