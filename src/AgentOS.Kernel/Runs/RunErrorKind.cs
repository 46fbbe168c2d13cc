namespace AgentOS.Kernel.Runs;

/// <summary>What kind of problem an <see cref="ErrorEvent"/> reports.</summary>
public enum RunErrorKind
{
    /// <summary>The model wrote a call that could not be read (malformed JSON, unclosed); it is told and the run goes on.</summary>
    MalformedToolCall,

    /// <summary>A budget ran out (steps, tokens, wall-clock time); the run ends.</summary>
    BudgetExhausted,

    /// <summary>The context has no room for more tokens; the run ends.</summary>
    ContextFull,

    /// <summary>The run was cancelled; it ends.</summary>
    Cancelled,

    /// <summary>The model failed (a decode error, an invalid sampler); the run ends.</summary>
    ModelFailed,
}
