using AgentOS.Abstractions;
using AgentOS.Kernel.Formats;

namespace AgentOS.Train.Eval;

/// <summary>One generated assistant turn, parsed with the kernel's parser for the format.</summary>
internal sealed class GeneratedTurn
{
    private GeneratedTurn(string text, string? thinking, string prose, IReadOnlyList<ToolCall> calls, IReadOnlyList<ToolCallFailed> failed)
    {
        Text = text;
        Thinking = thinking;
        Prose = prose;
        Calls = calls;
        Failed = failed;
    }

    /// <summary>Everything generated, special tokens as their text.</summary>
    public string Text { get; }

    /// <summary>The thought, or null.</summary>
    public string? Thinking { get; }

    /// <summary>Prose outside thinking and calls, trimmed.</summary>
    public string Prose { get; }

    /// <summary>Well-formed calls.</summary>
    public IReadOnlyList<ToolCall> Calls { get; }

    /// <summary>Calls that were started but are malformed.</summary>
    public IReadOnlyList<ToolCallFailed> Failed { get; }

    public static GeneratedTurn Parse(IToolCallFormat format, IReadOnlyList<GeneratedPiece> pieces)
    {
        var parser = format.CreateParser();
        var events = pieces.SelectMany(parser.Feed).ToList();
        events.AddRange(parser.Complete());
        var thinking = string.Concat(events.OfType<ThoughtParsed>().Select(t => t.Text)).Trim();
        return new GeneratedTurn(
            string.Concat(pieces.Select(p => p.Text)),
            thinking.Length == 0 ? null : thinking,
            string.Concat(events.OfType<TextParsed>().Select(t => t.Text)).Trim(),
            [.. events.OfType<ToolCallParsed>().Select(c => c.Call)],
            [.. events.OfType<ToolCallFailed>()]);
    }
}
