namespace AgentOS.Inference.Gguf;

/// <summary>
/// The shape of a llama-architecture model. The vocabulary size is not here: it is the size of the
/// <see cref="LlamaGgufVocabulary"/> written with it.
/// </summary>
public sealed record LlamaHyperparameters
{
    /// <summary>Width of the residual stream, n_embd.</summary>
    public required int EmbeddingLength { get; init; }

    /// <summary>Number of transformer blocks, n_layer.</summary>
    public required int BlockCount { get; init; }

    /// <summary>Number of query heads, n_head; must divide <see cref="EmbeddingLength"/>.</summary>
    public required int HeadCount { get; init; }

    /// <summary>Number of key/value heads, n_head_kv; must divide <see cref="HeadCount"/> (equal for plain multi-head attention).</summary>
    public required int HeadCountKv { get; init; }

    /// <summary>Hidden width of the SwiGLU feed-forward layer, n_ff.</summary>
    public required int FeedForwardLength { get; init; }

    /// <summary>Context length the model was trained for (<c>llama.context_length</c>).</summary>
    public required int ContextLength { get; init; }

    /// <summary>Rotary position frequency base. Default 10000.</summary>
    public float RopeFreqBase { get; init; } = 10000f;

    /// <summary>Epsilon of the RMS norms. Default 1e-5.</summary>
    public float RmsNormEpsilon { get; init; } = 1e-5f;

    /// <summary>Width of one attention head: <see cref="EmbeddingLength"/> / <see cref="HeadCount"/>.</summary>
    public int HeadLength => EmbeddingLength / HeadCount;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent value.</summary>
    public void Validate()
    {
        Positive(EmbeddingLength, nameof(EmbeddingLength));
        Positive(BlockCount, nameof(BlockCount));
        Positive(HeadCount, nameof(HeadCount));
        Positive(HeadCountKv, nameof(HeadCountKv));
        Positive(FeedForwardLength, nameof(FeedForwardLength));
        Positive(ContextLength, nameof(ContextLength));
        if (EmbeddingLength % HeadCount != 0)
        {
            throw new ArgumentException($"{nameof(HeadCount)} {HeadCount} does not divide {nameof(EmbeddingLength)} {EmbeddingLength}.");
        }

        if (HeadCount % HeadCountKv != 0)
        {
            throw new ArgumentException($"{nameof(HeadCountKv)} {HeadCountKv} does not divide {nameof(HeadCount)} {HeadCount}.");
        }

        if (HeadLength % 2 != 0)
        {
            throw new ArgumentException($"The head length {HeadLength} must be even: rotary positions rotate pairs of dimensions.");
        }

        if (!(RopeFreqBase > 0) || !float.IsFinite(RopeFreqBase))
        {
            throw new ArgumentException($"{nameof(RopeFreqBase)} must be a positive number, not {RopeFreqBase}.");
        }

        if (!(RmsNormEpsilon > 0) || !float.IsFinite(RmsNormEpsilon))
        {
            throw new ArgumentException($"{nameof(RmsNormEpsilon)} must be a positive number, not {RmsNormEpsilon}.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive, not {value}.");
        }
    }
}
