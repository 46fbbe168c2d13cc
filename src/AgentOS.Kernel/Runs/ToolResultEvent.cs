using AgentOS.Kernel.ToolHosting;

namespace AgentOS.Kernel.Runs;

/// <summary>A call finished (successfully or with a structured error the model will read).</summary>
/// <param name="Step">The step.</param>
/// <param name="Invocation">The call, its result and timing.</param>
public sealed record ToolResultEvent(int Step, ToolInvocation Invocation) : AgentEvent(Step);
