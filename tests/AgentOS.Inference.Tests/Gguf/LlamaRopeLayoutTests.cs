using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

public sealed class LlamaRopeLayoutTests
{
    [Fact]
    public void HalvesToInterleaved_OneHead_PairsRowIWithRowIPlusHalf()
    {
        // Head length 4, one column: rows a0 a1 b0 b1 (halves) become a0 b0 a1 b1 (pairs).
        var result = LlamaRopeLayout.HalvesToInterleaved([10, 11, 20, 21], headCount: 1, columns: 1);

        Assert.Equal([10, 20, 11, 21], result);
    }

    [Fact]
    public void HalvesToInterleaved_ThenInterleavedRope_EqualsRotateHalfRopeUpToTheSamePermutation()
    {
        const int heads = 2, headLength = 8, columns = 5, position = 7;
        const float freqBase = 10000f;
        var random = new Random(2);
        var weight = Enumerable.Range(0, heads * headLength * columns).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var x = Enumerable.Range(0, columns).Select(_ => random.NextSingle() - 0.5f).ToArray();

        var rotatedHalves = RopeRotateHalf(MatVec(weight, x), heads, headLength, position, freqBase);
        var interleaved = LlamaRopeLayout.HalvesToInterleaved(weight, heads, columns);
        var rotatedPairs = RopeInterleaved(MatVec(interleaved, x), heads, headLength, position, freqBase);

        // Query and key go through the same permutation, so their dot products (the attention scores) agree.
        var expected = LlamaRopeLayout.HalvesToInterleaved(rotatedHalves, heads, columns: 1);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], rotatedPairs[i], 1e-5f);
        }
    }

    [Fact]
    public void HalvesToInterleaved_OddHeadLength_Throws() =>
        Assert.Throws<ArgumentException>(() => LlamaRopeLayout.HalvesToInterleaved(new float[6], headCount: 2, columns: 1));

    private static float[] MatVec(float[] w, float[] x)
    {
        var rows = w.Length / x.Length;
        var y = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < x.Length; c++)
            {
                y[r] += w[(r * x.Length) + c] * x[c];
            }
        }

        return y;
    }

    // Hugging Face: dimension i pairs with i + d/2, angle pos * base^(-2i/d).
    private static float[] RopeRotateHalf(float[] v, int heads, int d, int pos, float freqBase)
    {
        var r = (float[])v.Clone();
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < d / 2; i++)
            {
                var angle = pos * MathF.Pow(freqBase, -2f * i / d);
                var (a, b) = (v[(h * d) + i], v[(h * d) + i + (d / 2)]);
                r[(h * d) + i] = (a * MathF.Cos(angle)) - (b * MathF.Sin(angle));
                r[(h * d) + i + (d / 2)] = (a * MathF.Sin(angle)) + (b * MathF.Cos(angle));
            }
        }

        return r;
    }

    // ggml's normal mode, which llama.cpp uses for the llama architecture: dimensions 2i and 2i+1 pair up.
    private static float[] RopeInterleaved(float[] v, int heads, int d, int pos, float freqBase)
    {
        var r = (float[])v.Clone();
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < d / 2; i++)
            {
                var angle = pos * MathF.Pow(freqBase, -2f * i / d);
                var (a, b) = (v[(h * d) + (2 * i)], v[(h * d) + (2 * i) + 1]);
                r[(h * d) + (2 * i)] = (a * MathF.Cos(angle)) - (b * MathF.Sin(angle));
                r[(h * d) + (2 * i) + 1] = (a * MathF.Sin(angle)) + (b * MathF.Cos(angle));
            }
        }

        return r;
    }
}
