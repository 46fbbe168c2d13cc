using AgentOS.Inference.Gguf;

namespace AgentOS.Testing;

/// <summary>
/// The shape of a generated test model. Every field takes part in the model's identity: two equal specs
/// give byte-identical files.
/// </summary>
public sealed record TestModelSpec
{
    /// <summary>
    /// The default tiny model: 2 blocks, n_embd 64, 4 query and 2 key/value heads (so grouped-query
    /// attention is exercised), n_ff 128, about 120 k parameters, under 1 MB.
    /// </summary>
    public static TestModelSpec Tiny { get; } = new();

    /// <summary>A model for benchmarks: 8 blocks, n_embd 384, 6 query and 2 key/value heads, n_ff 1024, about 12.9 M parameters (52 MB in F32).</summary>
    public static TestModelSpec Benchmark { get; } = new()
    {
        EmbeddingLength = 384,
        BlockCount = 8,
        HeadCount = 6,
        HeadCountKv = 2,
        FeedForwardLength = 1024,
    };

    /// <summary>Seed of the random weights. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>n_embd. Default 64.</summary>
    public int EmbeddingLength { get; init; } = 64;

    /// <summary>Number of blocks. Default 2.</summary>
    public int BlockCount { get; init; } = 2;

    /// <summary>Query heads. Default 4.</summary>
    public int HeadCount { get; init; } = 4;

    /// <summary>Key/value heads. Default 2.</summary>
    public int HeadCountKv { get; init; } = 2;

    /// <summary>n_ff. Default 128.</summary>
    public int FeedForwardLength { get; init; } = 128;

    /// <summary>Trained context length written to the file. Default 8192, room for prompts with tool schemas at one token per character.</summary>
    public int ContextLength { get; init; } = 8192;

    /// <summary>Storage type of the matrices: F32 (default), F16 or BF16.</summary>
    public GgufTensorType MatrixType { get; init; } = GgufTensorType.F32;
}
