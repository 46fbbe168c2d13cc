using AgentOS.Abstractions;

namespace AgentOS.Kernel.Conversations;

/// <summary>The outcome of one call as the model reads it. Its content is data: it is rendered as untrusted content.</summary>
/// <param name="CallId">The id of the call it answers.</param>
/// <param name="ToolName">The tool's name as the model called it.</param>
/// <param name="Result">The tool's result or structured error.</param>
public sealed record ToolResponse(string CallId, string ToolName, ToolResult Result);
