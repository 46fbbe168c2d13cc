using System.Text;
using AgentOS.Kernel.Formats;

namespace AgentOS.Train.Tokenizer;

/// <summary>
/// llama.cpp's SPM ("llama") tokenizer, reimplemented step for step so that the training corpus is tokenized
/// exactly as llama.cpp will tokenize prompts at run time (a test compares the two on the whole held-out set):
/// special tokens are split out first (only with special parsing on), each remaining fragment has its spaces
/// written as <c>▁</c>, is cut into characters, and the adjacent pair whose joined text is a token with the
/// highest score is merged until no pair is left; characters that are no token fall back to byte tokens.
/// </summary>
/// <remarks>Settings it mirrors: <c>tokenizer.ggml.add_space_prefix = false</c>; BOS is never added here
/// (callers add <see cref="Vocabulary.BosId"/> where llama.cpp's add_special would).</remarks>
public sealed class SpmTokenizer : ITextTokenizer
{
    private readonly Vocabulary _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _specialsWhenParsing;
    private readonly int[] _specialsAlways;

    /// <summary>Creates a tokenizer over <paramref name="vocabulary"/>.</summary>
    public SpmTokenizer(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        _lookup = vocabulary.SpanLookup;

        // llama.cpp splits special tokens out longest text first; CONTROL and UNKNOWN only when parsing specials,
        // USER_DEFINED always.
        var specials = Enumerable.Range(0, vocabulary.Count)
            .Where(id => vocabulary.Types[id] is TokenType.Control or TokenType.Unknown or TokenType.UserDefined)
            .OrderByDescending(id => vocabulary.Tokens[id].Length)
            .ThenBy(id => id)
            .ToArray();
        _specialsWhenParsing = specials;
        _specialsAlways = [.. specials.Where(id => vocabulary.Types[id] == TokenType.UserDefined)];
    }

    /// <summary>The vocabulary.</summary>
    public Vocabulary Vocabulary => _vocabulary;

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <param name="text">Any text; characters the vocabulary lacks become byte tokens.</param>
    /// <param name="parseSpecial">True for trusted template text: special-token texts become their tokens.
    /// False for content: <c>&lt;tool_call&gt;</c> in it is ordinary text.</param>
    public int[] Encode(string text, bool parseSpecial)
    {
        var output = new List<int>();
        Encode(text, parseSpecial, output);
        return [.. output];
    }

    /// <inheritdoc />
    IReadOnlyList<int> ITextTokenizer.Tokenize(string text, bool parseSpecial) => Encode(text, parseSpecial);

    /// <summary>Tokenizes <paramref name="text"/>, appending the ids to <paramref name="output"/>.</summary>
    public void Encode(string text, bool parseSpecial, List<int> output)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(output);
        if (text.Length == 0)
        {
            return;
        }

        text = ToValidUtf16(text);
        foreach (var fragment in Partition(text, parseSpecial ? _specialsWhenParsing : _specialsAlways))
        {
            if (fragment.SpecialId >= 0)
            {
                output.Add(fragment.SpecialId);
            }
            else
            {
                EncodeFragment(text.AsSpan(fragment.Start, fragment.Length).ToString().Replace(" ", Vocabulary.SpaceMarker, StringComparison.Ordinal), output);
            }
        }
    }

    /// <summary>Turns token ids back into text as llama.cpp's detokenizer does (no space stripping).</summary>
    /// <param name="ids">Token ids.</param>
    /// <param name="special">True to print special tokens' texts; false to drop them.</param>
    public string Decode(IEnumerable<int> ids, bool special)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)_vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} is outside the vocabulary (0..{_vocabulary.Count - 1}).");
            }

            bytes.AddRange(_vocabulary.PieceBytes(id, special));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    // Text passes to llama.cpp as UTF-8, where a lone surrogate becomes U+FFFD; do the same here first.
    private static string ToValidUtf16(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c))
            {
                return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            }
        }

        return text;
    }

    private List<Fragment> Partition(string text, int[] specials)
    {
        var fragments = new List<Fragment> { new(0, text.Length, -1) };
        foreach (var id in specials)
        {
            var marker = _vocabulary.Tokens[id];
            var next = new List<Fragment>(fragments.Count + 4);
            foreach (var fragment in fragments)
            {
                if (fragment.SpecialId >= 0)
                {
                    next.Add(fragment);
                    continue;
                }

                var start = fragment.Start;
                var end = fragment.Start + fragment.Length;
                while (start < end)
                {
                    var match = text.AsSpan(start, end - start).IndexOf(marker, StringComparison.Ordinal);
                    if (match < 0)
                    {
                        break;
                    }

                    if (match > 0)
                    {
                        next.Add(new Fragment(start, match, -1));
                    }

                    next.Add(new Fragment(start + match, marker.Length, id));
                    start += match + marker.Length;
                }

                if (start < end)
                {
                    next.Add(new Fragment(start, end - start, -1));
                }
            }

            fragments = next;
        }

        return fragments;
    }

    private void EncodeFragment(string text, List<int> output)
    {
        // Symbols are characters (a surrogate pair is one), linked in a list that merges shorten.
        var symbols = new List<Symbol>(text.Length);
        for (var offset = 0; offset < text.Length;)
        {
            var length = char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2 : 1;
            var index = symbols.Count;
            symbols.Add(new Symbol(offset, length, index - 1, offset + length == text.Length ? -1 : index + 1));
            offset += length;
        }

        var queue = new PriorityQueue<Bigram, Bigram>(BigramOrder.Instance);
        for (var i = 1; i < symbols.Count; i++)
        {
            TryAddBigram(text, symbols, queue, i - 1, i);
        }

        while (queue.TryDequeue(out var bigram, out _))
        {
            var left = symbols[bigram.Left];
            var right = symbols[bigram.Right];

            // A bigram whose symbols changed since it was queued is stale.
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != bigram.Size)
            {
                continue;
            }

            left = left with { Length = left.Length + right.Length, Next = right.Next };
            symbols[bigram.Left] = left;
            symbols[bigram.Right] = right with { Length = 0 };
            if (right.Next >= 0)
            {
                symbols[right.Next] = symbols[right.Next] with { Prev = bigram.Left };
            }

            TryAddBigram(text, symbols, queue, left.Prev, bigram.Left);
            TryAddBigram(text, symbols, queue, bigram.Left, left.Next);
        }

        Span<byte> utf8 = stackalloc byte[8];
        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var symbol = symbols[i];
            var piece = text.AsSpan(symbol.Start, symbol.Length);
            if (_lookup.TryGetValue(piece, out var id))
            {
                output.Add(id);
                continue;
            }

            // Merged symbols are always tokens, so only a single character can be missing: its UTF-8 bytes.
            var count = Encoding.UTF8.GetBytes(piece, utf8);
            for (var b = 0; b < count; b++)
            {
                output.Add(Vocabulary.ByteId(utf8[b]));
            }
        }
    }

    private void TryAddBigram(string text, List<Symbol> symbols, PriorityQueue<Bigram, Bigram> queue, int left, int right)
    {
        if (left == -1 || right == -1)
        {
            return;
        }

        var size = symbols[left].Length + symbols[right].Length;
        if (!_lookup.TryGetValue(text.AsSpan(symbols[left].Start, size), out var id))
        {
            return;
        }

        var bigram = new Bigram(left, right, _vocabulary.Scores[id], size);
        queue.Enqueue(bigram, bigram);
    }

    private readonly record struct Fragment(int Start, int Length, int SpecialId);

    private readonly record struct Symbol(int Start, int Length, int Prev, int Next);

    private readonly record struct Bigram(int Left, int Right, float Score, int Size);

    // Highest score first; among equal scores the leftmost pair (llama.cpp's llm_bigram_spm comparator).
    private sealed class BigramOrder : IComparer<Bigram>
    {
        public static readonly BigramOrder Instance = new();

        public int Compare(Bigram x, Bigram y)
        {
            var byScore = y.Score.CompareTo(x.Score);
            return byScore != 0 ? byScore : x.Left.CompareTo(y.Left);
        }
    }
}
