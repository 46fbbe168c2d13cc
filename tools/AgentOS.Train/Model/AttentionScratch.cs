namespace AgentOS.Train.Model;

/// <summary>Per-thread scratch of one (segment, head) attention pass; only written regions are ever read.</summary>
internal sealed class AttentionScratch
{
    private long squareCapacity;
    private int keyCapacity;

    /// <summary>Probabilities P (queries × keys, row stride keys).</summary>
    public float[] Scores { get; private set; } = [];

    /// <summary>dP, then dS (queries × keys).</summary>
    public float[] DScores { get; private set; } = [];

    /// <summary>One head's keys transposed (headDim × keys).</summary>
    public float[] HeadA { get; private set; } = [];

    /// <summary>One head's values transposed (headDim × keys).</summary>
    public float[] HeadB { get; private set; } = [];

    /// <summary>Grows the buffers for <paramref name="queries"/> rows attending to <paramref name="keys"/> keys.</summary>
    public void Ensure(int queries, int keys, int headDim)
    {
        long square = (long)queries * keys;
        if (square > squareCapacity)
        {
            Scores = Ops.Pinned(square);
            DScores = Ops.Pinned(square);
            squareCapacity = square;
        }

        if (keys > keyCapacity)
        {
            HeadA = Ops.Pinned((long)headDim * keys);
            HeadB = Ops.Pinned((long)headDim * keys);
            keyCapacity = keys;
        }
    }
}
