namespace AgentOS.Kernel.Formats;

/// <summary>
/// Streaming parser for one assistant turn. Feed it the generated pieces as they arrive; it returns thought text,
/// prose and tool calls as soon as each is complete. Calls may be split across any number of pieces. Create one
/// parser per turn.
/// </summary>
public interface IToolCallParser
{
    /// <summary>Consumes one generated piece and returns what became complete with it (often nothing).</summary>
    IReadOnlyList<ParseEvent> Feed(GeneratedPiece piece);

    /// <summary>
    /// Ends the turn: flushes held-back text and reports a call that is still open or that could only be parsed at
    /// the end (formats whose calls run to the end of the turn). Call once, after the last piece.
    /// </summary>
    IReadOnlyList<ParseEvent> Complete();
}
