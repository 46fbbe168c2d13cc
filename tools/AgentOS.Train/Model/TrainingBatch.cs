namespace AgentOS.Train.Model;

/// <summary>
/// Several sequences laid end to end without padding: the linear layers see one [tokens × dim]
/// matrix, attention runs per sequence (each starts at position 0, as a conversation does in
/// llama.cpp), and logits are computed only at the rows that predict a target token.
/// </summary>
internal sealed class TrainingBatch
{
    private TrainingBatch(int[] tokens, int[] positions, int[] starts, int[] logitRows, int[] labels)
    {
        Tokens = tokens;
        Positions = positions;
        SequenceStarts = starts;
        LogitRows = logitRows;
        Labels = labels;
    }

    /// <summary>All tokens, sequence after sequence.</summary>
    public int[] Tokens { get; }

    /// <summary>Position of each token inside its own sequence.</summary>
    public int[] Positions { get; }

    /// <summary>Start of each sequence in <see cref="Tokens"/>, plus the total at the end.</summary>
    public int[] SequenceStarts { get; }

    /// <summary>Rows whose output is scored: row r predicts <c>Labels[k]</c> for <c>LogitRows[k] == r</c>.</summary>
    public int[] LogitRows { get; }

    /// <summary>The token each logit row must predict.</summary>
    public int[] Labels { get; }

    /// <summary>Total tokens.</summary>
    public int TokenCount => Tokens.Length;

    /// <summary>Number of sequences.</summary>
    public int SequenceCount => SequenceStarts.Length - 1;

    /// <summary>Batch of training sequences; rows predicting a target token are scored.</summary>
    public static TrainingBatch FromSequences(IReadOnlyList<TrainingSequence> sequences, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(config);
        return Build(sequences.Select(s => (s.Tokens, (bool[]?)s.Targets)).ToList(), config);
    }

    /// <summary>One sequence whose every row is scored (row r predicts token r+1; the last row predicts nothing but its logits are kept).</summary>
    public static TrainingBatch ForInference(int[] tokens, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(config);
        return Build([(tokens, null)], config);
    }

    private static TrainingBatch Build(List<(int[] Tokens, bool[]? Targets)> sequences, ModelConfig config)
    {
        if (sequences.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", nameof(sequences));
        }

        int total = 0;
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

            total += tokens.Length;
        }

        var all = new int[total];
        var positions = new int[total];
        var starts = new int[sequences.Count + 1];
        var rows = new List<int>();
        var labels = new List<int>();
        int at = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            var (tokens, targets) = sequences[s];
            starts[s] = at;
            tokens.CopyTo(all, at);
            for (int i = 0; i < tokens.Length; i++)
            {
                positions[at + i] = i;
                bool scored = targets is null || (i + 1 < tokens.Length && targets[i + 1]);
                if (scored)
                {
                    rows.Add(at + i);
                    labels.Add(i + 1 < tokens.Length ? tokens[i + 1] : -1);
                }
            }

            at += tokens.Length;
        }

        starts[^1] = total;
        return new TrainingBatch(all, positions, starts, rows.ToArray(), labels.ToArray());
    }
}
