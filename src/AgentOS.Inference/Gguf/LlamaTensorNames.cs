namespace AgentOS.Inference.Gguf;

/// <summary>The GGUF tensor names llama.cpp looks up for the llama architecture.</summary>
public static class LlamaTensorNames
{
    /// <summary>Whether <paramref name="tensor"/> exists once per block (rather than once per model).</summary>
    public static bool IsPerBlock(LlamaTensor tensor) => tensor is not (LlamaTensor.TokenEmbedding or LlamaTensor.OutputNorm or LlamaTensor.Output);

    /// <summary>The name of a model-level tensor, e.g. <c>token_embd.weight</c>.</summary>
    /// <exception cref="ArgumentException">The tensor exists per block; use the overload with a block.</exception>
    public static string Of(LlamaTensor tensor) => tensor switch
    {
        LlamaTensor.TokenEmbedding => "token_embd.weight",
        LlamaTensor.OutputNorm => "output_norm.weight",
        LlamaTensor.Output => "output.weight",
        _ => throw new ArgumentException($"{tensor} exists once per block; give the block.", nameof(tensor)),
    };

    /// <summary>The name of a per-block tensor, e.g. <c>blk.3.attn_q.weight</c>.</summary>
    /// <exception cref="ArgumentException">The tensor exists once per model; use the overload without a block.</exception>
    public static string Of(int block, LlamaTensor tensor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        var suffix = tensor switch
        {
            LlamaTensor.AttentionNorm => "attn_norm",
            LlamaTensor.AttentionQuery => "attn_q",
            LlamaTensor.AttentionKey => "attn_k",
            LlamaTensor.AttentionValue => "attn_v",
            LlamaTensor.AttentionOutput => "attn_output",
            LlamaTensor.FeedForwardNorm => "ffn_norm",
            LlamaTensor.FeedForwardGate => "ffn_gate",
            LlamaTensor.FeedForwardUp => "ffn_up",
            LlamaTensor.FeedForwardDown => "ffn_down",
            _ => throw new ArgumentException($"{tensor} exists once per model; give no block.", nameof(tensor)),
        };
        return $"blk.{block}.{suffix}.weight";
    }
}
