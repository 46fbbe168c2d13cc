using AgentOS.Abstractions;

namespace AgentOS.Kernel.ToolHosting;

/// <summary>One call as the host ran it.</summary>
/// <param name="Call">The call as the model made it.</param>
/// <param name="Result">The result the model reads (already capped in size).</param>
/// <param name="Elapsed">Wall-clock time from start to result.</param>
/// <param name="Truncated">True when the output was longer than the policy allows and was cut.</param>
public sealed record ToolInvocation(ToolCall Call, ToolResult Result, TimeSpan Elapsed, bool Truncated);
