namespace AgentOS.Kernel.Formats;

/// <summary>
/// Turns rendered segments into tokens the same way everywhere (the kernel at run time, the corpus generator at
/// training time), so a model sees exactly the token sequences it was trained on.
/// </summary>
public static class PromptTokenization
{
    /// <summary>
    /// Merges neighbouring segments of the same kind and the same <see cref="PromptSegment.IsModelOutput"/> flag, and
    /// drops empty ones. Tokenizing merged runs keeps merges inside a run identical however a format happened to
    /// split its text.
    /// </summary>
    public static IReadOnlyList<PromptSegment> Coalesce(IEnumerable<PromptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var result = new List<PromptSegment>();
        foreach (var segment in segments)
        {
            if (segment.Text.Length == 0)
            {
                continue;
            }

            if (result.Count > 0)
            {
                var last = result[^1];
                if (last.Kind == segment.Kind && last.IsModelOutput == segment.IsModelOutput)
                {
                    result[^1] = last with { Text = last.Text + segment.Text };
                    continue;
                }
            }

            result.Add(segment);
        }

        return result;
    }

    /// <summary>
    /// Tokenizes segments: template runs with special-token parsing on, content runs with it off. No BOS is added;
    /// a caller that starts a sequence adds the model's BOS itself when the model asks for one.
    /// </summary>
    public static TokenizedPrompt Tokenize(IEnumerable<PromptSegment> segments, ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var tokens = new List<int>();
        var mask = new List<bool>();
        foreach (var segment in Coalesce(segments))
        {
            var ids = tokenizer.Tokenize(segment.Text, parseSpecial: segment.Kind == SegmentKind.Template);
            tokens.AddRange(ids);
            for (var i = 0; i < ids.Count; i++)
            {
                mask.Add(segment.IsModelOutput);
            }
        }

        return new TokenizedPrompt(tokens, mask);
    }

    /// <summary>The plain text of segments, for display and logs (the trust boundary is lost in it).</summary>
    public static string ToText(IEnumerable<PromptSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return string.Concat(segments.Select(s => s.Text));
    }
}
