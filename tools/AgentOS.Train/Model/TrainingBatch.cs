namespace AgentOS.Train.Model;

/// <summary>
/// Several sequences laid end to end without padding: the linear layers see one [rows × dim] matrix,
/// attention runs per sequence (each starts at position 0, as a conversation does in llama.cpp), and
/// logits are computed only at the rows that predict a target token.
/// </summary>
/// <remarks>
/// <para>
/// Sequences that begin with the same tokens (every transcript starts with the same system turn, tool
/// schemas included: most of its length) share those rows: the common prefix is laid down once, at
/// rows 0…P−1, followed by each sequence's own rest. A prefix token never attends past itself, so its
/// activations are the same in every sequence, and computing them once gives exactly the per-sequence
/// result; each sequence's own rows attend to the prefix rows and then to their own. The gradients
/// flowing into the prefix are the sum over sequences, as they would be with the prefix repeated.
/// </para>
/// <para>
/// A prefix row can be scored by several sequences (with different labels where their next tokens
/// differ), so <see cref="LogitRows"/> may hold a row more than once.
/// </para>
/// </remarks>
internal sealed class TrainingBatch
{
    private TrainingBatch(int[] tokens, int[] positions, int prefixLength, int[] starts, int[] logitRows, int[] labels)
    {
        Tokens = tokens;
        Positions = positions;
        PrefixLength = prefixLength;
        SequenceStarts = starts;
        LogitRows = logitRows;
        Labels = labels;
    }

    /// <summary>Token of each row: the shared prefix, then each sequence's own rows.</summary>
    public int[] Tokens { get; }

    /// <summary>Position of each row inside its sequence (the prefix at 0…P−1, each sequence's own rows from P).</summary>
    public int[] Positions { get; }

    /// <summary>Length P of the prefix all sequences share, laid down once at rows 0…P−1 (0 when nothing is shared).</summary>
    public int PrefixLength { get; }

    /// <summary>First row of each sequence's own part, plus the total at the end.</summary>
    public int[] SequenceStarts { get; }

    /// <summary>Rows whose output is scored: entry k scores row <c>LogitRows[k]</c> against <c>Labels[k]</c>.</summary>
    public int[] LogitRows { get; }

    /// <summary>The token each scored row must predict (−1 for the last row of an inference batch).</summary>
    public int[] Labels { get; }

    /// <summary>Rows in the batch.</summary>
    public int TokenCount => Tokens.Length;

    /// <summary>Number of sequences.</summary>
    public int SequenceCount => SequenceStarts.Length - 1;

    /// <summary>
    /// Batch of training sequences, sharing their common prefix; rows predicting a target token are scored.
    /// <paramref name="sharePrefix"/> false lays every sequence out whole (the reference layout).
    /// </summary>
    public static TrainingBatch FromSequences(IReadOnlyList<TrainingSequence> sequences, ModelConfig config, bool sharePrefix = true)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(config);
        return Build([.. sequences.Select(s => (s.Tokens, (bool[]?)s.Targets))], config, sharePrefix);
    }

    /// <summary>One sequence whose every row is scored (row r predicts token r+1; the last row predicts nothing but its logits are kept).</summary>
    public static TrainingBatch ForInference(int[] tokens, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(config);
        return Build([(tokens, null)], config, sharePrefix: false);
    }

    /// <summary>
    /// Length of the prefix all <paramref name="sequences"/> share, leaving every one at least one token
    /// of its own; 0 for fewer than two sequences.
    /// </summary>
    public static int CommonPrefixLength(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count < 2)
        {
            return 0;
        }

        int length = sequences.Min(s => s.Length) - 1;
        var first = sequences[0];
        foreach (var other in sequences.Skip(1))
        {
            int common = first.AsSpan(0, length).CommonPrefixLength(other.AsSpan(0, length));
            length = Math.Min(length, common);
        }

        return Math.Max(length, 0);
    }

    private static TrainingBatch Build(List<(int[] Tokens, bool[]? Targets)> sequences, ModelConfig config, bool sharePrefix)
    {
        if (sequences.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", nameof(sequences));
        }

        foreach (var (tokens, _) in sequences)
        {
            if (tokens.Length == 0 || tokens.Length > config.ContextLength)
            {
                throw new ArgumentException(
                    $"A sequence has {tokens.Length} tokens; the model takes 1 to {config.ContextLength} (its context length).");
            }

            foreach (int token in tokens)
            {
                if ((uint)token >= (uint)config.VocabSize)
                {
                    throw new ArgumentException($"Token id {token} is outside the vocabulary of {config.VocabSize}.");
                }
            }
        }

        int prefix = sharePrefix ? CommonPrefixLength([.. sequences.Select(s => s.Tokens)]) : 0;
        int total = prefix + sequences.Sum(s => s.Tokens.Length - prefix);
        var all = new int[total];
        var positions = new int[total];
        var starts = new int[sequences.Count + 1];
        var rows = new List<int>();
        var labels = new List<int>();
        for (int i = 0; i < prefix; i++)
        {
            all[i] = sequences[0].Tokens[i];
            positions[i] = i;
        }

        int at = prefix;
        for (int s = 0; s < sequences.Count; s++)
        {
            var (tokens, targets) = sequences[s];
            starts[s] = at;
            for (int i = prefix; i < tokens.Length; i++)
            {
                all[at + i - prefix] = tokens[i];
                positions[at + i - prefix] = i;
            }

            for (int i = 0; i < tokens.Length; i++)
            {
                bool scored = targets is null || (i + 1 < tokens.Length && targets[i + 1]);
                if (scored)
                {
                    rows.Add(i < prefix ? i : at + i - prefix);
                    labels.Add(i + 1 < tokens.Length ? tokens[i + 1] : -1);
                }
            }

            at += tokens.Length - prefix;
        }

        starts[^1] = total;
        return new TrainingBatch(all, positions, prefix, starts, [.. rows], [.. labels]);
    }
}
