namespace AgentOS.Native;

/// <summary>One message for <see cref="LlamaChatTemplates.Apply"/>.</summary>
/// <param name="Role">The role, e.g. <c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>.</param>
/// <param name="Content">The message text.</param>
public readonly record struct LlamaChatMessage(string Role, string Content);
