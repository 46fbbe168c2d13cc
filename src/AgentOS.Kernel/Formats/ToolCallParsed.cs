using AgentOS.Abstractions;

namespace AgentOS.Kernel.Formats;

/// <summary>A complete, well-formed tool call (its arguments are not yet validated against the tool's schema).</summary>
/// <param name="Call">The call.</param>
/// <param name="RawText">The call's text as generated, between the format's markers.</param>
public sealed record ToolCallParsed(ToolCall Call, string RawText) : ParseEvent;
