using AgentOS.Inference;
using AgentOS.Kernel.Runs;

namespace AgentOS.Kernel.Engine;

/// <summary>
/// <see cref="IAgentModel"/> over an in-process llama.cpp model and one context of its own: what <c>agentos run</c>
/// uses. It runs one task at a time (a context is single-threaded); the daemon's scheduler is what runs many at once.
/// </summary>
public sealed class LlamaAgentModel : IAgentModel, IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaAgentVocabulary _vocabulary;
    private int _openSequences;

    /// <summary>Creates a context for <paramref name="model"/> with <paramref name="options"/> (the model stays the caller's).</summary>
    public LlamaAgentModel(LlamaModel model, ContextOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _context = model.CreateContext(options);
        _vocabulary = new LlamaAgentVocabulary(model);
    }

    /// <summary>The context runs decode in (for its performance counters).</summary>
    public LlamaContext Context => _context;

    /// <inheritdoc />
    public string? ChatTemplate => _model.Metadata.ChatTemplate;

    /// <inheritdoc />
    public IAgentVocabulary Vocabulary => _vocabulary;

    /// <summary>The most recently opened sequence (tests read its tokens), or null.</summary>
    internal LlamaSequence? LastSequence { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A run is already using this model.</exception>
    public ValueTask<IAgentSequence> OpenSequenceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _openSequences, 1, 0) != 0)
        {
            throw new InvalidOperationException("This model is running another task; an in-process model runs one task at a time.");
        }

        try
        {
            var sequence = _context.CreateSequence();
            LastSequence = sequence;
            return ValueTask.FromResult<IAgentSequence>(new Sequence(this, sequence));
        }
        catch
        {
            Volatile.Write(ref _openSequences, 0);
            throw;
        }
    }

    /// <inheritdoc />
    public IAgentSampler CreateSampler(AgentSamplingOptions options) => new Sampler(LlamaSampling.CreatePipeline(_model.Tokenizer, options));

    /// <summary>Frees the context (not the model).</summary>
    public void Dispose() => _context.Dispose();

    private sealed class Sampler(SamplingPipeline pipeline) : IAgentSampler
    {
        public SamplingPipeline Pipeline { get; } = pipeline;

        public void Dispose() => Pipeline.Dispose();
    }

    private sealed class Sequence(LlamaAgentModel owner, LlamaSequence sequence) : IAgentSequence
    {
        public int Length => sequence.Length;

        public int Capacity => owner._context.SequenceContextSize;

        public ValueTask AppendAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken)
        {
            sequence.Append(tokens is int[] array ? array : [.. tokens], cancellationToken);
            return ValueTask.CompletedTask;
        }

        public ValueTask<int> SampleAsync(IAgentSampler sampler, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(((Sampler)sampler).Pipeline.Sample(sequence, cancellationToken));
        }

        public ValueTask DisposeAsync()
        {
            sequence.Dispose();
            Volatile.Write(ref owner._openSequences, 0);
            return ValueTask.CompletedTask;
        }
    }
}
