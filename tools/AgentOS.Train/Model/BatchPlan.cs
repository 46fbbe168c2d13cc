namespace AgentOS.Train.Model;

/// <summary>
/// Which sequences each step trains on. Epoch e visits every sequence once, in an order shuffled by
/// a generator seeded from (seed, e), and cuts that order into batches of at most the token budget.
/// The batch of any step is a pure function of (data, seed, budget, step), so a resumed run needs no
/// saved generator state and continues exactly where it stopped. The budget counts rows as a batch lays
/// them out: the prefix every sequence shares once, then each sequence's own tokens.
/// </summary>
internal sealed class BatchPlan
{
    private readonly IReadOnlyList<TrainingSequence> sequences;
    private readonly ulong seed;
    private readonly int batchTokens;
    private readonly int sharedPrefix;
    private readonly List<int[][]> epochs = [];
    private readonly List<int> firstStepOfEpoch = [0];

    /// <summary>Plan over <paramref name="sequences"/> (at least one).</summary>
    public BatchPlan(IReadOnlyList<TrainingSequence> sequences, ulong seed, int batchTokens)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchTokens, 1);
        if (sequences.Count == 0)
        {
            throw new ArgumentException("Training needs at least one sequence.", nameof(sequences));
        }

        this.sequences = sequences;
        this.seed = seed;
        this.batchTokens = batchTokens;
        sharedPrefix = TrainingBatch.CommonPrefixLength([.. sequences.Select(s => s.Tokens)]);
    }

    /// <summary>Tokens every sequence begins with (laid down once per batch).</summary>
    public int SharedPrefix => sharedPrefix;

    /// <summary>Indices (into the data) of the sequences of step <paramref name="step"/>.</summary>
    public int[] SequencesOf(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        while (firstStepOfEpoch[^1] <= step)
        {
            var batches = Cut(epochs.Count);
            epochs.Add(batches);
            firstStepOfEpoch.Add(firstStepOfEpoch[^1] + batches.Length);
        }

        int epoch = firstStepOfEpoch.FindLastIndex(start => start <= step);
        return epochs[epoch][step - firstStepOfEpoch[epoch]];
    }

    /// <summary>The epoch (0-based, fractional) that step <paramref name="step"/> lies in, for progress lines.</summary>
    public double EpochOf(int step)
    {
        SequencesOf(step);
        int epoch = firstStepOfEpoch.FindLastIndex(start => start <= step);
        return epoch + ((double)(step - firstStepOfEpoch[epoch]) / epochs[epoch].Length);
    }

    private int[][] Cut(int epoch)
    {
        var order = Enumerable.Range(0, sequences.Count).ToArray();
        new DeterministicRandom(seed, stream: 1000 + (ulong)epoch).Shuffle(order);
        var batches = new List<int[]>();
        var current = new List<int>();
        int tokens = sharedPrefix;
        foreach (int index in order)
        {
            int length = sequences[index].Length - sharedPrefix;
            if (current.Count > 0 && tokens + length > batchTokens)
            {
                batches.Add([.. current]);
                current.Clear();
                tokens = sharedPrefix;
            }

            current.Add(index);
            tokens += length;
        }

        batches.Add([.. current]);
        return [.. batches];
    }
}
