namespace AgentOS.Daemon.Store;

/// <summary>Helpers for <see cref="TaskState"/>: the stored spelling and which states are final.</summary>
public static class TaskStates
{
    /// <summary>True for states a task never leaves: completed, failed, cancelled, interrupted.</summary>
    public static bool IsFinal(this TaskState state) =>
        state is TaskState.Completed or TaskState.Failed or TaskState.Cancelled or TaskState.Interrupted;

    /// <summary>The lowercase name used in the database and the API (<c>queued</c>, <c>running</c>, …).</summary>
    public static string ToWireName(this TaskState state) => state switch
    {
        TaskState.Queued => "queued",
        TaskState.Running => "running",
        TaskState.Completed => "completed",
        TaskState.Failed => "failed",
        TaskState.Cancelled => "cancelled",
        TaskState.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown task state."),
    };

    /// <summary>Parses a lowercase state name; false for anything else.</summary>
    public static bool TryParseWireName(string? name, out TaskState state)
    {
        foreach (var candidate in Enum.GetValues<TaskState>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
