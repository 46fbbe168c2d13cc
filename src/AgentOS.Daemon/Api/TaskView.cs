namespace AgentOS.Daemon.Api;

/// <summary>A task as the API shows it in lists.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Text">What was asked.</param>
/// <param name="State">queued, running, completed, failed, cancelled or interrupted.</param>
/// <param name="Reason">Why it is in that state, when that needs saying.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Tools">Tools it may use; null for all.</param>
/// <param name="Capabilities">Capabilities it was granted.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="StartedAt">When its latest run started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Attempts">Runs started for it.</param>
public sealed record TaskView(
    long Id,
    string Text,
    string State,
    string? Reason,
    int Priority,
    IReadOnlyList<string>? Tools,
    IReadOnlyList<string> Capabilities,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts);
