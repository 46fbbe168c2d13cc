namespace AgentOS.Kernel.Conversations;

/// <summary>One message of a conversation: <see cref="UserMessage"/>, <see cref="AssistantMessage"/> or <see cref="ToolResultsMessage"/>.</summary>
public abstract record ConversationMessage;
