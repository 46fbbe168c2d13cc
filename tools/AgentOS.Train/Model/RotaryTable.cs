namespace AgentOS.Train.Model;

/// <summary>
/// Cosines and sines of llama.cpp's "normal" rotary embedding (rope type NORM, used by the llama
/// architecture): within each head, the adjacent pair (x[2i], x[2i+1]) is rotated by
/// pos · base^(−2i/headDim). That is the layout of the GGUF itself; Hugging Face checkpoints rotate
/// the two halves of a head instead, which is why llama.cpp's converter permutes their q/k rows.
/// This model is born in the GGUF layout, so its weights are written unpermuted.
/// </summary>
internal sealed class RotaryTable
{
    private readonly float[] cos;
    private readonly float[] sin;
    private readonly int pairs;

    /// <summary>Table for every position below the context length of <paramref name="config"/>.</summary>
    public RotaryTable(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        pairs = config.HeadDim / 2;
        cos = new float[config.ContextLength * pairs];
        sin = new float[config.ContextLength * pairs];

        // Same arithmetic as ggml's rope cache: a float angle multiplied by a float ratio pair after pair.
        float ratio = MathF.Pow(config.RopeFreqBase, -2.0f / config.HeadDim);
        for (int pos = 0; pos < config.ContextLength; pos++)
        {
            float theta = pos;
            for (int i = 0; i < pairs; i++)
            {
                cos[(pos * pairs) + i] = MathF.Cos(theta);
                sin[(pos * pairs) + i] = MathF.Sin(theta);
                theta *= ratio;
            }
        }
    }

    /// <summary>
    /// Rotates every head of <paramref name="heads"/> consecutive head vectors at <paramref name="row"/>
    /// by position <paramref name="pos"/>; <paramref name="inverse"/> rotates back (the backward pass).
    /// </summary>
    public unsafe void Apply(float* row, int heads, int headDim, int pos, bool inverse)
    {
        int at = pos * pairs;
        for (int h = 0; h < heads; h++)
        {
            float* x = row + (h * headDim);
            for (int i = 0; i < pairs; i++)
            {
                float c = cos[at + i];
                float s = inverse ? -sin[at + i] : sin[at + i];
                float x0 = x[2 * i], x1 = x[(2 * i) + 1];
                x[2 * i] = (x0 * c) - (x1 * s);
                x[(2 * i) + 1] = (x0 * s) + (x1 * c);
            }
        }
    }
}
