using System.Text;
using AgentOS.Kernel.Formats;

namespace AgentOS.Kernel.Runs;

/// <summary>
/// Turns generated tokens into <see cref="GeneratedPiece"/>s: text tokens through a UTF-8 decoder (a character split
/// across tokens waits for its last byte), special tokens as their own piece, and stop sequences cut off when the
/// format has them.
/// </summary>
internal sealed class PieceDecoder
{
    private readonly IAgentVocabulary _vocabulary;
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly string[] _stops;
    private readonly StringBuilder _held = new();

    public PieceDecoder(IAgentVocabulary vocabulary, IReadOnlyList<string> stopSequences)
    {
        _vocabulary = vocabulary;
        _stops = stopSequences.Where(s => s.Length > 0).ToArray();
    }

    /// <summary>True once a stop sequence was seen; nothing after it is released.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The pieces released by one more token.</summary>
    public List<GeneratedPiece> Push(int token)
    {
        var pieces = new List<GeneratedPiece>();
        if (Stopped)
        {
            return pieces;
        }

        var bytes = _vocabulary.TokenBytes(token);
        if (_vocabulary.IsSpecial(token))
        {
            Release(Flush(), pieces, final: true);
            if (Stopped)
            {
                return pieces;
            }

            pieces.Add(GeneratedPiece.OfSpecial(Encoding.UTF8.GetString(bytes)));
            return pieces;
        }

        var chars = new char[_utf8.GetCharCount(bytes, flush: false)];
        _utf8.GetChars(bytes, chars, flush: false);
        Release(new string(chars), pieces, final: false);
        return pieces;
    }

    /// <summary>The text still held at the end of the turn.</summary>
    public List<GeneratedPiece> Complete()
    {
        var pieces = new List<GeneratedPiece>();
        if (!Stopped)
        {
            Release(Flush(), pieces, final: true);
        }

        return pieces;
    }

    private string Flush()
    {
        var rest = new char[_utf8.GetCharCount([], flush: true)];
        _utf8.GetChars([], rest, flush: true);
        var text = _held.Append(rest).ToString();
        _held.Clear();
        return text;
    }

    private void Release(string text, List<GeneratedPiece> pieces, bool final)
    {
        if (_stops.Length == 0)
        {
            if (text.Length > 0)
            {
                pieces.Add(GeneratedPiece.OfText(text));
            }

            return;
        }

        _held.Append(text);
        var held = _held.ToString();
        var first = -1;
        foreach (var stop in _stops)
        {
            var index = held.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }

        if (first >= 0)
        {
            Stopped = true;
            _held.Clear();
            if (first > 0)
            {
                pieces.Add(GeneratedPiece.OfText(held[..first]));
            }

            return;
        }

        // Keep back the longest tail that could still become a stop sequence.
        var keep = 0;
        foreach (var stop in final ? Array.Empty<string>() : _stops)
        {
            for (var length = Math.Min(stop.Length - 1, held.Length); length > keep; length--)
            {
                if (string.CompareOrdinal(held, held.Length - length, stop, 0, length) == 0)
                {
                    keep = length;
                    break;
                }
            }
        }

        if (held.Length - keep > 0)
        {
            pieces.Add(GeneratedPiece.OfText(held[..^keep]));
        }

        _held.Clear().Append(held, held.Length - keep, keep);
    }
}
