namespace AgentOS.Kernel.Formats;

/// <summary>Prose outside thinking and calls (streamed in pieces); the answer when the turn makes no call.</summary>
/// <param name="Text">The new text.</param>
public sealed record TextParsed(string Text) : ParseEvent;
