using AgentOS.Native.Interop;

namespace AgentOS.Native;

/// <summary>
/// A <c>llama_batch</c> allocated by llama.cpp: tokens with their positions, sequences and output flags,
/// reused across decodes (<see cref="Clear"/>, then <see cref="Add(int, int, int, bool)"/>).
/// </summary>
public sealed unsafe class LlamaBatch : IDisposable
{
    private LlamaBatchNative _native;
    private bool _disposed;

    /// <summary>Allocates room for <paramref name="capacity"/> tokens, each in up to <paramref name="maxSequencesPerToken"/> sequences.</summary>
    public LlamaBatch(int capacity, int maxSequencesPerToken = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequencesPerToken, 1);
        LlamaRuntime.EnsureInitialized();
        _native = NativeMethods.llama_batch_init(capacity, 0, maxSequencesPerToken);
        Capacity = capacity;
        MaxSequencesPerToken = maxSequencesPerToken;
    }

    /// <summary>Tokens the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Sequences one token may belong to.</summary>
    public int MaxSequencesPerToken { get; }

    /// <summary>Tokens in the batch.</summary>
    public int Count => _native.n_tokens;

    internal LlamaBatchNative Native
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _native;
        }
    }

    /// <summary>Empties the batch (the memory stays allocated).</summary>
    public void Clear() => _native.n_tokens = 0;

    /// <summary>Adds a token of one sequence; returns its index in the batch (the output index when <paramref name="output"/>).</summary>
    public int Add(int token, int position, int sequenceId, bool output) => Add(token, position, [sequenceId], output);

    /// <summary>Adds a token shared by several sequences; returns its index in the batch.</summary>
    public int Add(int token, int position, ReadOnlySpan<int> sequenceIds, bool output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_native.n_tokens >= Capacity)
        {
            throw new InvalidOperationException($"The batch is full ({Capacity} tokens).");
        }

        if (sequenceIds.IsEmpty || sequenceIds.Length > MaxSequencesPerToken)
        {
            throw new ArgumentException($"A token belongs to 1 to {MaxSequencesPerToken} sequences.", nameof(sequenceIds));
        }

        var i = _native.n_tokens;
        _native.token[i] = token;
        _native.pos[i] = position;
        _native.n_seq_id[i] = sequenceIds.Length;
        for (var s = 0; s < sequenceIds.Length; s++)
        {
            _native.seq_id[i][s] = sequenceIds[s];
        }

        _native.logits[i] = output ? (sbyte)1 : (sbyte)0;
        _native.n_tokens = i + 1;
        return i;
    }

    /// <summary>Sets whether the token at <paramref name="index"/> produces an output (logits).</summary>
    public void SetOutput(int index, bool output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_native.n_tokens, nameof(index));
        _native.logits[index] = output ? (sbyte)1 : (sbyte)0;
    }

    /// <summary>Frees the batch if it was not disposed.</summary>
    ~LlamaBatch() => Free();

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        NativeMethods.llama_batch_free(_native);
        _native = default;
    }
}
