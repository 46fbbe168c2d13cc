namespace AgentOS.Kernel.Formats;

/// <summary>
/// A call the model started but did not write correctly: malformed JSON, a missing name, arguments that are not an
/// object, or a call still open when the turn ended. The message is written for the model so it can correct itself.
/// </summary>
/// <param name="Message">What is wrong, in one or two sentences.</param>
/// <param name="RawText">The call's text as generated.</param>
/// <param name="ToolName">The tool name when it could be read from the broken call; otherwise null.</param>
public sealed record ToolCallFailed(string Message, string RawText, string? ToolName) : ParseEvent;
