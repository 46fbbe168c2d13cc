using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>How <see cref="LlamaModel.CreateContext"/> sizes a context. Null properties take the documented defaults.</summary>
public sealed class ContextOptions
{
    /// <summary>Default context size cap when <see cref="ContextSize"/> is null.</summary>
    public const int DefaultMaxContextSize = 4096;

    /// <summary>Context size in tokens, shared by all sequences (default: the model's trained context, at most 4096).</summary>
    public int? ContextSize { get; set; }

    /// <summary>Largest number of tokens one decode submits (default 512; longer inputs are decoded in chunks).</summary>
    public int? BatchSize { get; set; }

    /// <summary>Physical micro-batch size (default: <see cref="BatchSize"/>).</summary>
    public int? MicroBatchSize { get; set; }

    /// <summary>Number of sequences (independent conversations) the context holds at once (default 1).</summary>
    public int? MaxSequences { get; set; }

    /// <summary>
    /// Threads for decoding (default <see cref="Environment.ProcessorCount"/>: more threads than cores spin in
    /// ggml's barriers and get slower, which llama.cpp's own default of 4 does on a 2-core machine).
    /// </summary>
    public int? Threads { get; set; }

    /// <summary>Threads for multi-token (prompt) decodes (default: <see cref="Threads"/>).</summary>
    public int? BatchThreads { get; set; }

    /// <summary>Flash attention (default <see cref="LlamaFlashAttention.Auto"/>).</summary>
    public LlamaFlashAttention? FlashAttention { get; set; }

    /// <summary>
    /// One KV buffer shared by all sequences (default true): any sequence may use every free cell, and a
    /// forked sequence shares its prefix cells instead of copying them. False gives each sequence a fixed
    /// <c>ContextSize / MaxSequences</c> slice, which is faster when sequences share nothing.
    /// </summary>
    public bool? UnifiedKvCache { get; set; }

    /// <summary>Produce embeddings along with logits (default false).</summary>
    public bool? Embeddings { get; set; }

    /// <summary>Let llama.cpp measure its own timings (<see cref="LlamaContext.GetPerformance"/>; default false).</summary>
    public bool? MeasurePerformance { get; set; }

    /// <summary>The defaults above, applied in this one place.</summary>
    internal LlamaContextParams ToNative(int trainedContextLength)
    {
        var parameters = LlamaContextParams.CreateDefault();
        var contextSize = ContextSize ?? Math.Min(trainedContextLength > 0 ? trainedContextLength : DefaultMaxContextSize, DefaultMaxContextSize);
        var batchSize = BatchSize ?? 512;
        var threads = Threads ?? Environment.ProcessorCount;
        Positive(contextSize, nameof(ContextSize));
        Positive(batchSize, nameof(BatchSize));
        Positive(threads, nameof(Threads));
        parameters.ContextSize = (uint)contextSize;
        parameters.BatchSize = (uint)batchSize;
        parameters.MicroBatchSize = (uint)Positive(MicroBatchSize ?? batchSize, nameof(MicroBatchSize));
        parameters.MaxSequences = (uint)Positive(MaxSequences ?? 1, nameof(MaxSequences));
        parameters.Threads = threads;
        parameters.BatchThreads = Positive(BatchThreads ?? threads, nameof(BatchThreads));
        parameters.FlashAttention = FlashAttention ?? LlamaFlashAttention.Auto;
        parameters.UnifiedKvCache = UnifiedKvCache ?? true;
        parameters.Embeddings = Embeddings ?? false;
        parameters.NoPerformanceTimings = !(MeasurePerformance ?? false);
        return parameters;
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
