namespace AgentOS.Train.Tokenizer;

/// <summary>
/// Learns the pieces of a <see cref="Vocabulary"/> from text by byte-pair-style merging: count adjacent pairs
/// of symbols, merge the most frequent, repeat. Merges stay inside a run of ASCII letters or a run of
/// punctuation and spaces (<c>", "</c>, <c>": {"</c>); digits, newlines, <c>&lt;</c>, <c>&gt;</c> and other
/// characters never merge.
/// </summary>
/// <remarks>
/// Keeping pieces inside letter runs makes a word's tokens the same wherever it stands: <c>lantern</c> after a
/// space, in quotes, or before a full stop is the same token sequence (a space joins the punctuation around it,
/// never a word).
/// A tiny model then copies a word from the question into a call, or from a tool result into an answer, by
/// copying tokens one to one — the same reason every digit is its own token.
/// </remarks>
public static class PieceLearner
{
    /// <summary>Learns up to <paramref name="maxPieces"/> pieces from <paramref name="texts"/>, in merge order.</summary>
    /// <param name="texts">Content the tokenizer will see, without special-token texts.</param>
    /// <param name="maxPieces">Upper bound on learned pieces; fewer when no pair occurs twice.</param>
    public static IReadOnlyList<string> Learn(IEnumerable<string> texts, int maxPieces)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPieces);

        var runCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            // The tokenizer sees spaces as the space marker; learn on what it sees.
            foreach (var run in Runs(text.Replace(" ", Vocabulary.SpaceMarker, StringComparison.Ordinal)))
            {
                runCounts[run] = runCounts.GetValueOrDefault(run) + 1;
            }
        }

        // Each distinct run is a word: its current symbols and how often it occurs.
        var words = runCounts
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Symbols: p.Key.Select(c => c.ToString()).ToList(), Count: p.Value))
            .ToList();

        var pieces = new List<string>();
        var known = new HashSet<string>(Vocabulary.BaseCharacters, StringComparer.Ordinal);
        while (pieces.Count < maxPieces)
        {
            var pairCounts = new Dictionary<(string Left, string Right), long>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    var pair = (symbols[i], symbols[i + 1]);
                    pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
                }
            }

            if (pairCounts.Count == 0)
            {
                break;
            }

            var best = pairCounts
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key.Left + p.Key.Right, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Left, StringComparer.Ordinal)
                .First();
            if (best.Value < 2)
            {
                break;
            }

            var (left, right) = best.Key;
            var merged = left + right;
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == left && symbols[i + 1] == right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }

            // Two different pairs can spell the same text ("ab"+"c", "a"+"bc"); the piece is listed once.
            if (known.Add(merged))
            {
                pieces.Add(merged);
            }
        }

        return pieces;
    }

    /// <summary>The runs of <paramref name="text"/> inside which merges may happen.</summary>
    internal static IEnumerable<string> Runs(string text)
    {
        var start = -1;
        var runClass = CharClass.None;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? Classify(text[i]) : CharClass.None;
            if (c == runClass && c != CharClass.None)
            {
                continue;
            }

            if (runClass != CharClass.None && i - start >= 2)
            {
                yield return text[start..i];
            }

            start = i;
            runClass = c;
        }
    }

    private static CharClass Classify(char c)
    {
        if (char.IsAsciiLetter(c))
        {
            return CharClass.Letter;
        }

        return Vocabulary.IsMergeablePunctuation(c) ? CharClass.Punctuation : CharClass.None;
    }

    private enum CharClass
    {
        None,
        Letter,
        Punctuation,
    }
}
