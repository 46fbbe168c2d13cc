namespace AgentOS.Inference.Gguf;

/// <summary>
/// The tensors of a llama-architecture model. The first three exist once per model, the rest once per
/// block. See <see cref="LlamaGgufBuilder.GetShape"/> for each one's row-major shape.
/// </summary>
public enum LlamaTensor
{
    /// <summary><c>token_embd.weight</c>: one row of n_embd per token.</summary>
    TokenEmbedding,

    /// <summary><c>output_norm.weight</c>: the final RMS norm's gain, n_embd.</summary>
    OutputNorm,

    /// <summary><c>output.weight</c>: the output head, one row of n_embd per token.</summary>
    Output,

    /// <summary><c>blk.N.attn_norm.weight</c>: the RMS norm gain before attention, n_embd.</summary>
    AttentionNorm,

    /// <summary><c>blk.N.attn_q.weight</c>: query projection, n_head·head_len rows of n_embd.</summary>
    AttentionQuery,

    /// <summary><c>blk.N.attn_k.weight</c>: key projection, n_head_kv·head_len rows of n_embd.</summary>
    AttentionKey,

    /// <summary><c>blk.N.attn_v.weight</c>: value projection, n_head_kv·head_len rows of n_embd.</summary>
    AttentionValue,

    /// <summary><c>blk.N.attn_output.weight</c>: attention output projection, n_embd rows of n_head·head_len.</summary>
    AttentionOutput,

    /// <summary><c>blk.N.ffn_norm.weight</c>: the RMS norm gain before the feed-forward layer, n_embd.</summary>
    FeedForwardNorm,

    /// <summary><c>blk.N.ffn_gate.weight</c>: SwiGLU gate, n_ff rows of n_embd.</summary>
    FeedForwardGate,

    /// <summary><c>blk.N.ffn_up.weight</c>: SwiGLU up projection, n_ff rows of n_embd.</summary>
    FeedForwardUp,

    /// <summary><c>blk.N.ffn_down.weight</c>: SwiGLU down projection, n_embd rows of n_ff.</summary>
    FeedForwardDown,
}
