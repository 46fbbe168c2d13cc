using AgentOS.Abstractions;

namespace AgentOS.Kernel.Conversations;

/// <summary>Everything a format renders: the system prompt, the tools offered, and the messages so far.</summary>
/// <param name="SystemPrompt">Instructions for the model, or null for none.</param>
/// <param name="Tools">The tools whose schemas go into the prompt (empty for none).</param>
/// <param name="Messages">The messages in order; usually starts with a <see cref="UserMessage"/>.</param>
public sealed record Conversation(string? SystemPrompt, IReadOnlyList<ToolDefinition> Tools, IReadOnlyList<ConversationMessage> Messages)
{
    /// <summary>A conversation with this message appended.</summary>
    public Conversation Append(ConversationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return this with { Messages = [.. Messages, message] };
    }
}
