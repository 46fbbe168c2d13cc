namespace AgentOS.Daemon.Store;

/// <summary>A task as stored: what was asked, its state and when things happened.</summary>
/// <param name="Id">Identifier, increasing, never reused.</param>
/// <param name="Submission">What the client asked for.</param>
/// <param name="State">Current state.</param>
/// <param name="StateReason">Why the task is in this state when that is not obvious (an error, "daemon stopped"); otherwise null.</param>
/// <param name="CreatedAt">When the daemon accepted the task.</param>
/// <param name="StartedAt">When its latest run started; null while it never ran.</param>
/// <param name="FinishedAt">When it reached a final state; null before.</param>
/// <param name="Attempts">How many runs were started for it (more than one after a resume).</param>
public sealed record TaskRecord(
    long Id,
    TaskSubmission Submission,
    TaskState State,
    string? StateReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts);
