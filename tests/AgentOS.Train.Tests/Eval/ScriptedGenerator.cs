using AgentOS.Kernel.Formats;
using AgentOS.Train.Eval;

namespace AgentOS.Train.Tests.Eval;

/// <summary>A fake model that writes the turns it is given, in order: enough to test the scoring.</summary>
internal sealed class ScriptedGenerator(ITextTokenizer tokenizer) : ITurnGenerator
{
    private readonly Queue<IReadOnlyList<GeneratedPiece>> _turns = new();

    public ITextTokenizer Tokenizer { get; } = tokenizer;

    public int? Bos => 1;

    public int Calls { get; private set; }

    public void Script(IEnumerable<IReadOnlyList<GeneratedPiece>> turns)
    {
        _turns.Clear();
        foreach (var turn in turns)
        {
            _turns.Enqueue(turn);
        }
    }

    public IReadOnlyList<GeneratedPiece> Generate(IReadOnlyList<int> prompt, int maxTokens, CancellationToken cancellationToken = default)
    {
        Calls++;
        return _turns.Count > 0 ? _turns.Dequeue() : [GeneratedPiece.OfText("(nothing scripted)")];
    }

    /// <summary>Pieces of a rendered assistant output: markers as special pieces, the rest as text.</summary>
    public static IReadOnlyList<GeneratedPiece> Pieces(IEnumerable<PromptSegment> segments) =>
        [.. segments.Select(s => s.Kind == SegmentKind.Template ? GeneratedPiece.OfSpecial(s.Text) : GeneratedPiece.OfText(s.Text))];
}
