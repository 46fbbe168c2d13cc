namespace AgentOS.Kernel.Runs;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The model gave a final answer.</summary>
    Answered,

    /// <summary>The step budget ran out before an answer.</summary>
    MaxStepsReached,

    /// <summary>The token budget (per turn or per run) ran out.</summary>
    MaxTokensReached,

    /// <summary>The wall-clock budget ran out.</summary>
    TimedOut,

    /// <summary>The context had no room left.</summary>
    ContextFull,

    /// <summary>The run was cancelled.</summary>
    Cancelled,

    /// <summary>The model failed.</summary>
    Failed,
}
