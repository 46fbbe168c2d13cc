namespace AgentOS.Kernel.Runs;

/// <summary>The last event of every run: its outcome, transcript and statistics.</summary>
/// <param name="Step">The last step.</param>
/// <param name="Result">The run's result.</param>
public sealed record RunCompletedEvent(int Step, AgentRunResult Result) : AgentEvent(Step);
