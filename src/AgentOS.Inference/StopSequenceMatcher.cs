using System.Text;

namespace AgentOS.Inference;

/// <summary>
/// Finds stop sequences in streamed text. Text that could still turn out to be the start of a stop
/// sequence is held back until the next piece decides, so no stop text ever reaches the caller.
/// </summary>
internal sealed class StopSequenceMatcher(IReadOnlyList<string> stopSequences)
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds text; returns what can be released and whether a stop sequence was reached (text after it is dropped).</summary>
    public (string Released, bool Stopped) Push(string text)
    {
        if (stopSequences.Count == 0)
        {
            return (text, false);
        }

        _pending.Append(text);
        var pending = _pending.ToString();
        var stopAt = -1;
        foreach (var stop in stopSequences)
        {
            var index = pending.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (stopAt < 0 || index < stopAt))
            {
                stopAt = index;
            }
        }

        if (stopAt >= 0)
        {
            _pending.Clear();
            return (pending[..stopAt], true);
        }

        var release = pending.Length - LongestStopPrefixSuffix(pending);

        // Never cut between the halves of a surrogate pair.
        if (release > 0 && release < pending.Length && char.IsHighSurrogate(pending[release - 1]))
        {
            release--;
        }

        _pending.Remove(0, release);
        return (pending[..release], false);
    }

    /// <summary>Releases the held-back text at the end of generation.</summary>
    public string Flush()
    {
        var rest = _pending.ToString();
        _pending.Clear();
        return rest;
    }

    private int LongestStopPrefixSuffix(string text)
    {
        var longest = 0;
        foreach (var stop in stopSequences)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
