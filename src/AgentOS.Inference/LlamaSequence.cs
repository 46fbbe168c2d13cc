using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace AgentOS.Inference;

/// <summary>
/// One KV sequence of a <see cref="LlamaContext"/>: it knows which tokens its cache cells hold, so appending
/// decodes only the new tokens and <see cref="Prefill"/> reuses the longest common prefix. Disposing it
/// frees its cells and its sequence id. Single-threaded, like its context.
/// </summary>
public sealed class LlamaSequence : IDisposable
{
    private readonly List<int> _tokens = [];
    private long _logitsEpoch = -1;
    private int _logitsIndex = -1;

    internal LlamaSequence(LlamaContext context, int id)
    {
        Context = context;
        Id = id;
        Tokens = new ReadOnlyCollection<int>(_tokens);
    }

    /// <summary>The context the sequence lives in.</summary>
    public LlamaContext Context { get; }

    /// <summary>The llama.cpp sequence id.</summary>
    public int Id { get; }

    /// <summary>The tokens in the KV cache, in order (a live view).</summary>
    public IReadOnlyList<int> Tokens { get; }

    /// <summary>Number of tokens in the KV cache (the position of the next token).</summary>
    public int Length => _tokens.Count;

    /// <summary>Whether the sequence was disposed (or its context was).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Decodes <paramref name="tokens"/> after the ones already cached; returns how many were decoded.</summary>
    /// <exception cref="DecodeException">llama.cpp failed or the context is full; the sequence keeps what was decoded before.</exception>
    public int Append(ReadOnlySpan<int> tokens, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (tokens.IsEmpty)
        {
            return 0;
        }

        Context.Decode([new SequenceTokens(this, tokens.ToArray())], cancellationToken);
        return tokens.Length;
    }

    /// <summary>Decodes one token after the ones already cached.</summary>
    public void Append(int token, CancellationToken cancellationToken = default) => Append([token], cancellationToken);

    /// <summary>
    /// Makes the sequence hold exactly <paramref name="tokens"/>: keeps the longest prefix already cached,
    /// drops the cached tokens after it, and decodes only the rest. When everything is cached already, the
    /// last token is decoded again so its logits are ready for sampling.
    /// </summary>
    public PrefillResult Prefill(ReadOnlySpan<int> tokens, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        Context.CheckTokens(tokens);
        var common = 0;
        var limit = Math.Min(tokens.Length, _tokens.Count);
        while (common < limit && _tokens[common] == tokens[common])
        {
            common++;
        }

        if (common == tokens.Length && tokens.Length > 0)
        {
            if (_tokens.Count == tokens.Length && HasLogits)
            {
                return new PrefillResult(common, 0);
            }

            common--;
        }

        Truncate(common);
        var decoded = Append(tokens[common..], cancellationToken);
        return new PrefillResult(common, decoded);
    }

    /// <summary>Keeps the first <paramref name="length"/> tokens and frees the cells of the rest.</summary>
    public void Truncate(int length)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        if (length == Length)
        {
            return;
        }

        if (!Context.Handle.RemoveTokens(Id, length, -1))
        {
            // Recurrent models cannot drop a partial range: start over and decode the kept prefix again.
            var kept = _tokens.GetRange(0, length).ToArray();
            Clear();
            Append(kept);
            return;
        }

        _tokens.RemoveRange(length, _tokens.Count - length);
        InvalidateLogits();
    }

    /// <summary>Frees all cells: the sequence is empty again.</summary>
    public void Clear()
    {
        ThrowIfDisposed();
        Context.Handle.RemoveTokens(Id, -1, -1);
        _tokens.Clear();
        InvalidateLogits();
    }

    /// <summary>
    /// A new sequence of the same context holding the same tokens (the cells are shared, not recomputed),
    /// e.g. to sample several continuations of one prompt.
    /// </summary>
    /// <exception cref="InvalidOperationException">No free sequence id.</exception>
    public LlamaSequence Fork()
    {
        ThrowIfDisposed();
        var fork = Context.CreateSequence();
        Context.Handle.CopyTokens(Id, fork.Id, -1, -1);
        fork._tokens.AddRange(_tokens);
        return fork;
    }

    /// <summary>Saves the KV cells and tokens, e.g. to swap the sequence out and free its id.</summary>
    public SequenceState SaveState()
    {
        ThrowIfDisposed();
        return new SequenceState(Context.Handle.GetSequenceState(Id), [.. _tokens]);
    }

    /// <summary>Replaces the sequence's content with a saved state.</summary>
    /// <exception cref="ArgumentException">llama.cpp rejected the state (another model, or a context too small for it).</exception>
    public void RestoreState(SequenceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ThrowIfDisposed();
        Clear();
        if (state.Tokens.Count == 0)
        {
            return;
        }

        if (!Context.Handle.SetSequenceState(Id, state.Data))
        {
            Context.Handle.RemoveTokens(Id, -1, -1);
            throw new ArgumentException("llama.cpp rejected the saved state (was it saved from another model or a larger context?).", nameof(state));
        }

        _tokens.AddRange(state.Tokens);
    }

    /// <summary>
    /// A copy of the logits for the next token (one value per vocabulary entry). Decodes the last token
    /// again if another decode of the context has replaced its logits since.
    /// </summary>
    public float[] GetLogits(CancellationToken cancellationToken = default)
    {
        var index = EnsureLogits(cancellationToken);
        return Context.Handle.GetLogits(index).ToArray();
    }

    /// <summary>Generates until an end-of-generation token, a stop sequence, the token limit or a full context.</summary>
    /// <param name="options">Sampling options (null: the defaults of <see cref="SamplingOptions"/>).</param>
    /// <param name="cancellationToken">Checked between tokens and inside each decode.</param>
    public GenerationResult Generate(SamplingOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var sampler = new SamplingPipeline(Context.Model.Tokenizer, options);
        return Generate(sampler, cancellationToken);
    }

    /// <summary>Generates with a caller-owned sampler (whose state, e.g. a grammar, carries over between calls).</summary>
    public GenerationResult Generate(SamplingPipeline sampler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        var generator = new TokenGenerator(this, sampler);
        var text = new System.Text.StringBuilder();
        var tokens = new List<int>();
        GenerationChunk chunk;
        do
        {
            chunk = generator.Next(cancellationToken);
            text.Append(chunk.Text);
            tokens.AddRange(chunk.Tokens);
        }
        while (chunk.FinishReason is null);

        return new GenerationResult(text.ToString(), tokens, chunk.FinishReason.Value);
    }

    /// <summary>
    /// Streams generated text. Every chunk holds whole UTF-8 characters (bytes of a character split across
    /// tokens wait for the rest), never text of a stop sequence, and the tokens that produced it; the last
    /// chunk carries the <see cref="GenerationChunk.FinishReason"/>. The work runs on the caller's thread.
    /// </summary>
    public IAsyncEnumerable<GenerationChunk> GenerateStreamingAsync(SamplingOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamAsync(null, options, cancellationToken);

    /// <summary>Streams generated text with a caller-owned sampler; see <see cref="GenerateStreamingAsync(SamplingOptions?, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<GenerationChunk> GenerateStreamingAsync(SamplingPipeline sampler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        return StreamAsync(sampler, null, cancellationToken);
    }

    /// <summary>Frees the sequence's cells and id.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        Context.Release(this);
        MarkDisposed();
    }

    internal bool HasLogits => _logitsIndex >= 0 && _logitsEpoch == Context.DecodeEpoch;

    /// <summary>The batch index of this sequence's logits in the context's last decode, decoding again if they are stale.</summary>
    internal int EnsureLogits(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (HasLogits)
        {
            return _logitsIndex;
        }

        if (_tokens.Count == 0)
        {
            throw new InvalidOperationException("The sequence is empty: append a prompt before sampling.");
        }

        var last = _tokens[^1];
        Truncate(_tokens.Count - 1);
        Append([last], cancellationToken);
        return _logitsIndex;
    }

    internal void Commit(int token) => _tokens.Add(token);

    internal void SetLogits(long epoch, int index)
    {
        _logitsEpoch = epoch;
        _logitsIndex = index;
    }

    internal void MarkDisposed()
    {
        IsDisposed = true;
        InvalidateLogits();
    }

    private void InvalidateLogits() => _logitsIndex = -1;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    private async IAsyncEnumerable<GenerationChunk> StreamAsync(
        SamplingPipeline? sampler, SamplingOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var owned = sampler is null ? new SamplingPipeline(Context.Model.Tokenizer, options) : null;
        try
        {
            var generator = new TokenGenerator(this, sampler ?? owned!);
            GenerationChunk chunk;
            do
            {
                chunk = generator.Next(cancellationToken);
                yield return chunk;

                // Let the consumer's continuation run before the next (synchronous) decode.
                await Task.Yield();
            }
            while (chunk.FinishReason is null);
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
