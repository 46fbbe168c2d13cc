using AgentOS.Abstractions;

namespace AgentOS.Kernel.Conversations;

/// <summary>One assistant turn: optional thinking, optional prose, and the tool calls it made (none for a final answer).</summary>
/// <param name="Thinking">Reasoning the model wrote inside its thinking markers, or null.</param>
/// <param name="Text">Prose outside thinking and calls (the answer when there are no calls), or null.</param>
/// <param name="ToolCalls">The calls of this turn, in order; empty for a final answer.</param>
public sealed record AssistantMessage(string? Thinking, string? Text, IReadOnlyList<ToolCall> ToolCalls) : ConversationMessage
{
    /// <summary>An assistant turn that only answers.</summary>
    public static AssistantMessage Answer(string text, string? thinking = null) => new(thinking, text, []);

    /// <summary>An assistant turn that only calls tools.</summary>
    public static AssistantMessage Calls(params ToolCall[] calls) => new(null, null, calls);
}
