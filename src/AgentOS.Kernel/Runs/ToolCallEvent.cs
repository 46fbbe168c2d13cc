using AgentOS.Abstractions;

namespace AgentOS.Kernel.Runs;

/// <summary>The model made a well-formed call; it is about to run.</summary>
/// <param name="Step">The step.</param>
/// <param name="Call">The call.</param>
public sealed record ToolCallEvent(int Step, ToolCall Call) : AgentEvent(Step);
