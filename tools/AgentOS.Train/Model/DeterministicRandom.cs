namespace AgentOS.Train.Model;

/// <summary>
/// xoshiro256** seeded through SplitMix64: a small generator whose whole state is four numbers, so a
/// checkpoint can store it and a run is reproduced exactly from its seed (System.Random promises
/// neither a stable sequence across .NET versions nor a readable state).
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong s0, s1, s2, s3;

    /// <summary>A generator for <paramref name="seed"/>; <paramref name="stream"/> separates independent uses of one seed.</summary>
    public DeterministicRandom(ulong seed, ulong stream = 0)
    {
        ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The four state words, for checkpoints.</summary>
    public ulong[] State
    {
        get => [s0, s1, s2, s3];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4 || (value[0] | value[1] | value[2] | value[3]) == 0)
            {
                throw new ArgumentException("A random state is four words, not all zero.", nameof(value));
            }

            (s0, s1, s2, s3) = (value[0], value[1], value[2], value[3]);
        }
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong limit = ulong.MaxValue - (ulong.MaxValue % (ulong)bound);
        ulong x;
        do
        {
            x = NextUInt64();
        }
        while (x >= limit);
        return (int)(x % (ulong)bound);
    }

    /// <summary>Standard normal sample (Box–Muller, computed in double).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
