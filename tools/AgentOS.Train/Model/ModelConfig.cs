namespace AgentOS.Train.Model;

/// <summary>
/// Hyperparameters of a llama-architecture model, named after the GGUF keys they become
/// (<c>llama.embedding_length</c>, <c>llama.block_count</c>, …).
/// </summary>
/// <param name="VocabSize">Rows of <c>token_embd</c> and <c>output</c>.</param>
/// <param name="Dim">Width of the residual stream (<c>llama.embedding_length</c>).</param>
/// <param name="Layers">Transformer blocks (<c>llama.block_count</c>).</param>
/// <param name="Heads">Attention heads; every head has its own keys and values (no grouped-query attention).</param>
/// <param name="FfnDim">Hidden width of the SwiGLU feed-forward (<c>llama.feed_forward_length</c>).</param>
/// <param name="ContextLength">Longest sequence, in tokens (<c>llama.context_length</c>).</param>
/// <param name="RopeFreqBase">Base of the rotary frequencies (<c>llama.rope.freq_base</c>).</param>
/// <param name="NormEps">Epsilon of every RMSNorm (<c>llama.attention.layer_norm_rms_epsilon</c>).</param>
/// <param name="TiedEmbeddings">
/// The output head is the token embedding itself. A token's logit is then the hidden state's dot product with
/// that token's own embedding, so an attention head that moves a token's embedding forward already scores that
/// token: copying a rare token needs no output row of its own to be learned.
/// </param>
internal sealed record ModelConfig(
    int VocabSize,
    int Dim,
    int Layers,
    int Heads,
    int FfnDim,
    int ContextLength,
    float RopeFreqBase = 10000f,
    float NormEps = 1e-5f,
    bool TiedEmbeddings = false)
{
    /// <summary>Width of one attention head.</summary>
    public int HeadDim => Dim / Heads;

    /// <summary>Number of trainable floats.</summary>
    public long ParameterCount => ParameterLayout.CountParameters(this);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value a llama model cannot have.</summary>
    public void Validate()
    {
        Require(VocabSize >= 2, $"vocabulary size must be at least 2, not {VocabSize}");
        Require(Dim >= 2, $"dimension must be at least 2, not {Dim}");
        Require(Layers >= 1, $"layer count must be at least 1, not {Layers}");
        Require(Heads >= 1, $"head count must be at least 1, not {Heads}");
        Require(Dim % Heads == 0, $"dimension {Dim} must be a multiple of the head count {Heads}");
        Require(HeadDim % 2 == 0, $"head width {HeadDim} (dimension / heads) must be even for rotary positions");
        Require(FfnDim >= 1, $"feed-forward width must be at least 1, not {FfnDim}");
        Require(ContextLength >= 1, $"context length must be at least 1, not {ContextLength}");
        Require(RopeFreqBase > 1 && float.IsFinite(RopeFreqBase), $"rotary frequency base must be a finite number above 1, not {RopeFreqBase}");
        Require(NormEps > 0 && float.IsFinite(NormEps), $"norm epsilon must be a finite positive number, not {NormEps}");
        Require(ParameterLayout.CountParameters(this) < int.MaxValue, "the model has more parameters than one array can hold");
    }

    /// <summary>One line for logs: the shape and the parameter count.</summary>
    public string Describe() =>
        $"{Layers} layers, dim {Dim}, {Heads} heads of {HeadDim}, ffn {FfnDim}, vocab {VocabSize}, context {ContextLength}{(TiedEmbeddings ? ", output tied to the embedding" : string.Empty)}: {ParameterCount:N0} parameters";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid model configuration: {message}.");
        }
    }
}
