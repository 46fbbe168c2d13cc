namespace AgentOS.Train.Model;

/// <summary>
/// The threads the trainer's kernels run on. Work is always cut into the same pieces whatever the
/// thread count, and every piece writes its own outputs, so results are bit-identical for 1 or N
/// threads; the count only changes speed.
/// </summary>
internal static class Workers
{
    private static int count = Environment.ProcessorCount;

    /// <summary>Threads used; defaults to the number of cores (never more: on 2 cores extra threads only wait).</summary>
    public static int Count
    {
        get => count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            count = value;
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="pieces"/> on up to <see cref="Count"/> threads.</summary>
    public static void For(int pieces, Action<int> body)
    {
        if (pieces <= 0)
        {
            return;
        }

        if (count == 1 || pieces == 1)
        {
            for (int i = 0; i < pieces; i++)
            {
                body(i);
            }

            return;
        }

        Parallel.For(0, pieces, new ParallelOptions { MaxDegreeOfParallelism = count }, body);
    }

    /// <summary>
    /// Runs <paramref name="body"/> over [0, <paramref name="length"/>) cut into fixed ranges of
    /// <paramref name="grain"/> items (the last one shorter).
    /// </summary>
    public static void ForRanges(int length, int grain, Action<int, int> body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grain, 1);
        int pieces = (length + grain - 1) / grain;
        For(pieces, piece =>
        {
            int start = piece * grain;
            body(start, Math.Min(length, start + grain));
        });
    }
}
