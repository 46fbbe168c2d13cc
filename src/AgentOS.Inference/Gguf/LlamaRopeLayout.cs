namespace AgentOS.Inference.Gguf;

/// <summary>
/// Converts query/key weights between the two ways of pairing dimensions for rotary positions.
/// </summary>
/// <remarks>
/// llama.cpp runs the llama architecture with ggml's "normal" rotary mode: within each head, dimensions
/// 2i and 2i+1 form pair i, rotated by angle pos·base^(−2i/head_len). Hugging Face's Llama code pairs
/// dimension i with i + head_len/2 instead ("rotate half"), so llama.cpp's converter reorders the rows
/// of <c>attn_q</c> and <c>attn_k</c> of every head; the two layouts give the same model. A trainer whose
/// forward pass rotates halves converts its weights with <see cref="HalvesToInterleaved"/> before writing.
/// </remarks>
public static class LlamaRopeLayout
{
    /// <summary>
    /// Reorders the rows of a row-major query or key weight (<paramref name="headCount"/>·head_len rows of
    /// <paramref name="columns"/>) from rotate-half pairing to llama.cpp's interleaved pairing: in each
    /// head, new row 2i is old row i and new row 2i+1 is old row i + head_len/2.
    /// </summary>
    public static float[] HalvesToInterleaved(ReadOnlySpan<float> weight, int headCount, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(headCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (weight.Length % (headCount * columns) != 0)
        {
            throw new ArgumentException($"{weight.Length} values are not {headCount} heads of whole rows of {columns}.", nameof(weight));
        }

        var headLength = weight.Length / (headCount * columns);
        if (headLength % 2 != 0)
        {
            throw new ArgumentException($"The head length {headLength} must be even.", nameof(weight));
        }

        var half = headLength / 2;
        var result = new float[weight.Length];
        for (var head = 0; head < headCount; head++)
        {
            for (var i = 0; i < half; i++)
            {
                for (var part = 0; part < 2; part++)
                {
                    var from = (head * headLength) + (part * half) + i;
                    var to = (head * headLength) + (2 * i) + part;
                    weight.Slice(from * columns, columns).CopyTo(result.AsSpan(to * columns, columns));
                }
            }
        }

        return result;
    }
}
