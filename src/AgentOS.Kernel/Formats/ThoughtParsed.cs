namespace AgentOS.Kernel.Formats;

/// <summary>Text inside the model's thinking markers (streamed in pieces).</summary>
/// <param name="Text">The new text.</param>
public sealed record ThoughtParsed(string Text) : ParseEvent;
