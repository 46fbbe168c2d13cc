namespace AgentOS.Native;

/// <summary><c>enum llama_pooling_type</c>: how token embeddings are pooled per sequence.</summary>
public enum LlamaPoolingType
{
    /// <summary>Use the model's own setting.</summary>
    Unspecified = -1,

    /// <summary>No pooling: one embedding per output token.</summary>
    None = 0,

    /// <summary>Mean of the sequence's token embeddings.</summary>
    Mean = 1,

    /// <summary>The CLS token's embedding.</summary>
    Cls = 2,

    /// <summary>The last token's embedding.</summary>
    Last = 3,

    /// <summary>Classification head output (rerankers).</summary>
    Rank = 4,
}
