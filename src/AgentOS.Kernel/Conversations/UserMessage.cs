namespace AgentOS.Kernel.Conversations;

/// <summary>A user's message (the task). Rendered as untrusted content.</summary>
/// <param name="Text">What the user wrote.</param>
public sealed record UserMessage(string Text) : ConversationMessage;
