namespace AgentOS.Kernel.Runs;

/// <summary>Something that happened in a run, streamed as it happens.</summary>
/// <param name="Step">The step (1-based assistant turn) it belongs to; 0 before the first turn.</param>
public abstract record AgentEvent(int Step);
