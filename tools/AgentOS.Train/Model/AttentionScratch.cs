namespace AgentOS.Train.Model;

/// <summary>Per-thread scratch of one (sequence, head) attention pass; only written regions are ever read.</summary>
internal sealed class AttentionScratch
{
    private int capacity;

    /// <summary>Probabilities P (n×n, row stride n).</summary>
    public float[] Scores { get; private set; } = [];

    /// <summary>dP, then dS (n×n).</summary>
    public float[] DScores { get; private set; } = [];

    /// <summary>Pᵀ (n×n).</summary>
    public float[] ScoresT { get; private set; } = [];

    /// <summary>dSᵀ (n×n).</summary>
    public float[] DScoresT { get; private set; } = [];

    /// <summary>One head's keys transposed (headDim×n).</summary>
    public float[] HeadA { get; private set; } = [];

    /// <summary>One head's values transposed (headDim×n).</summary>
    public float[] HeadB { get; private set; } = [];

    /// <summary>Grows the buffers for sequences of <paramref name="length"/> tokens.</summary>
    public void Ensure(int length, int headDim)
    {
        if (length <= capacity)
        {
            return;
        }

        long square = (long)length * length;
        Scores = Ops.Pinned(square);
        DScores = Ops.Pinned(square);
        ScoresT = Ops.Pinned(square);
        DScoresT = Ops.Pinned(square);
        HeadA = Ops.Pinned((long)headDim * length);
        HeadB = Ops.Pinned((long)headDim * length);
        capacity = length;
    }
}
