using AgentOS.Kernel.Formats;

namespace AgentOS.Kernel.Tests.Formats;

internal static class ParserTestExtensions
{
    /// <summary>Feeds pieces, completes, and returns every event.</summary>
    public static List<ParseEvent> Run(this IToolCallParser parser, params GeneratedPiece[] pieces)
    {
        var events = new List<ParseEvent>();
        foreach (var piece in pieces)
        {
            events.AddRange(parser.Feed(piece));
        }

        events.AddRange(parser.Complete());
        return events;
    }

    /// <summary>Text split into one-character pieces, the worst case of a call split across tokens.</summary>
    public static GeneratedPiece[] Chars(string text) => text.Select(c => GeneratedPiece.OfText(c.ToString())).ToArray();

    public static GeneratedPiece S(string marker) => GeneratedPiece.OfSpecial(marker);

    public static GeneratedPiece T(string text) => GeneratedPiece.OfText(text);

    public static string Prose(this IEnumerable<ParseEvent> events) => string.Concat(events.OfType<TextParsed>().Select(e => e.Text));

    public static string Thought(this IEnumerable<ParseEvent> events) => string.Concat(events.OfType<ThoughtParsed>().Select(e => e.Text));
}
