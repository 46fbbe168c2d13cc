using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>
/// A llama.cpp context: the KV cache and compute buffers of one model, holding up to
/// <see cref="MaxSequences"/> independent sequences. A context is single-threaded: one owner (a
/// conversation, or the scheduler that batches many) calls it; nothing here takes a lock.
/// </summary>
public sealed class LlamaContext : IDisposable
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly LlamaBatch _batch;
    private readonly LlamaSequence?[] _sequences;
    private bool _disposed;

    internal LlamaContext(LlamaModel model, SafeLlamaContextHandle handle)
    {
        Model = model;
        _handle = handle;
        ContextSize = handle.ContextSize;
        SequenceContextSize = handle.SequenceContextSize;
        BatchSize = handle.BatchSize;
        MaxSequences = handle.MaxSequences;
        _sequences = new LlamaSequence?[MaxSequences];
        _batch = new LlamaBatch(BatchSize);
    }

    /// <summary>The model.</summary>
    public LlamaModel Model { get; }

    /// <summary>Context size in tokens (all sequences together), as llama.cpp settled it.</summary>
    public int ContextSize { get; }

    /// <summary>Most tokens one sequence can hold.</summary>
    public int SequenceContextSize { get; }

    /// <summary>Most tokens one llama_decode call takes; longer inputs are split.</summary>
    public int BatchSize { get; }

    /// <summary>Number of sequences the context holds at once.</summary>
    public int MaxSequences { get; }

    /// <summary>Sequences currently open.</summary>
    public int ActiveSequences => _sequences.Count(s => s is not null);

    /// <summary>Tokens this context has submitted to llama_decode so far (each token counted once per decode).</summary>
    public long DecodedTokens { get; private set; }

    /// <summary>Counts decodes: logits read from a sequence are valid only while this has not moved on.</summary>
    internal long DecodeEpoch { get; private set; }

    internal SafeLlamaContextHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    /// <summary>Opens an empty sequence on the first free sequence id.</summary>
    /// <exception cref="InvalidOperationException">All <see cref="MaxSequences"/> sequences are in use.</exception>
    public LlamaSequence CreateSequence()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = Array.IndexOf(_sequences, null);
        if (id < 0)
        {
            throw new InvalidOperationException($"All {MaxSequences} sequences of this context are in use; dispose one or create the context with more (ContextOptions.MaxSequences).");
        }

        // A previous owner of this id may have left cells behind if it failed mid-decode.
        _handle.RemoveTokens(id, -1, -1);
        var sequence = new LlamaSequence(this, id);
        _sequences[id] = sequence;
        return sequence;
    }

    /// <summary>
    /// Appends tokens to several sequences in as few llama_decode calls as the batch size allows (one when
    /// they fit), so N conversations advance for about the cost of one. Afterwards each sequence has the
    /// logits of its last token ready for sampling.
    /// </summary>
    /// <exception cref="DecodeException">llama.cpp failed; every sequence keeps the tokens decoded before the failure.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; sequences keep the tokens decoded before it.</exception>
    public void Decode(IReadOnlyList<SequenceTokens> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var seen = new HashSet<int>();
        var work = new List<(LlamaSequence Sequence, ReadOnlyMemory<int> Tokens)>(inputs.Count);
        foreach (var (sequence, tokens) in inputs)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(inputs));
            if (!ReferenceEquals(sequence.Context, this))
            {
                throw new ArgumentException("A sequence belongs to another context.", nameof(inputs));
            }

            ObjectDisposedException.ThrowIf(sequence.IsDisposed, sequence);
            if (!seen.Add(sequence.Id))
            {
                throw new ArgumentException($"Sequence {sequence.Id} appears twice; give it all its tokens in one entry.", nameof(inputs));
            }

            if (tokens.IsEmpty)
            {
                continue;
            }

            CheckTokens(tokens.Span);
            if (sequence.Length + tokens.Length > SequenceContextSize)
            {
                throw new DecodeException(
                    DecodeResult.NoKvSlot,
                    $"Sequence {sequence.Id} would hold {sequence.Length + tokens.Length} tokens; the context allows {SequenceContextSize} per sequence.");
            }

            work.Add((sequence, tokens));
        }

        if (work.Count > 0)
        {
            DecodeCore(work, cancellationToken);
        }
    }

    /// <summary>llama.cpp's timings (zero unless created with <see cref="ContextOptions.MeasurePerformance"/>).</summary>
    public LlamaContextPerformance GetPerformance() => Handle.GetPerformance();

    /// <summary>Resets llama.cpp's timings.</summary>
    public void ResetPerformance() => Handle.ResetPerformance();

    /// <summary>Frees the KV cache and compute buffers; open sequences become unusable.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var sequence in _sequences)
        {
            sequence?.MarkDisposed();
        }

        Array.Clear(_sequences);
        _batch.Dispose();
        _handle.Dispose();
    }

    internal void Release(LlamaSequence sequence)
    {
        if (_disposed || !ReferenceEquals(_sequences[sequence.Id], sequence))
        {
            return;
        }

        _handle.RemoveTokens(sequence.Id, -1, -1);
        _sequences[sequence.Id] = null;
    }

    internal void CheckTokens(ReadOnlySpan<int> tokens)
    {
        var vocabularySize = Model.Tokenizer.VocabularySize;
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)vocabularySize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token ids run from 0 to {vocabularySize - 1}.");
            }
        }
    }

    /// <summary>
    /// Flattens the inputs into batches of at most <see cref="BatchSize"/> tokens. Each sequence's last token
    /// asks for logits; those last tokens go at the very end so that they share the final llama_decode and all
    /// their logits survive it (logits of one decode are gone after the next).
    /// </summary>
    internal void DecodeCore(IReadOnlyList<(LlamaSequence Sequence, ReadOnlyMemory<int> Tokens)> work, CancellationToken cancellationToken)
    {
        var items = new List<(LlamaSequence Sequence, int Token, bool Last)>();
        foreach (var (sequence, tokens) in work)
        {
            var span = tokens.Span;
            for (var i = 0; i < span.Length - 1; i++)
            {
                items.Add((sequence, span[i], false));
            }
        }

        foreach (var (sequence, tokens) in work)
        {
            items.Add((sequence, tokens.Span[^1], true));
        }

        var positions = new Dictionary<LlamaSequence, int>(work.Count);
        foreach (var (sequence, _) in work)
        {
            positions[sequence] = sequence.Length;
        }

        for (var start = 0; start < items.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, items.Count - start);
            _batch.Clear();
            for (var i = start; i < start + count; i++)
            {
                var (sequence, token, last) = items[i];
                _batch.Add(token, positions[sequence]++, sequence.Id, output: last);
            }

            var result = _handle.Decode(_batch, cancellationToken);
            DecodeEpoch++;
            DecodedTokens += count;
            if (result != DecodeResult.Ok)
            {
                // On failure llama.cpp may keep micro-batches it already processed: drop every cell past what
                // each sequence has committed, so the token lists and the KV cache agree again.
                foreach (var (sequence, _) in work)
                {
                    _handle.RemoveTokens(sequence.Id, sequence.Length, -1);
                }

                if (result == DecodeResult.Aborted && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Decoding was cancelled.", cancellationToken);
                }

                var reason = LlamaRuntime.TakeLastNativeError();
                throw new DecodeException(result, result == DecodeResult.NoKvSlot
                    ? "The context is full: no KV cells left for the batch."
                    : $"llama_decode failed with {result}{(reason is null ? string.Empty : ": " + reason)}.");
            }

            for (var i = start; i < start + count; i++)
            {
                var (sequence, token, last) = items[i];
                sequence.Commit(token);
                if (last)
                {
                    sequence.SetLogits(DecodeEpoch, i - start);
                }
            }
        }
    }
}
