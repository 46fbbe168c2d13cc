using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentOS.Native.Interop;
using Microsoft.Win32.SafeHandles;

namespace AgentOS.Native;

/// <summary>
/// Owns a <c>llama_context*</c> and keeps its model alive. A context is single-threaded: one owner decodes,
/// samples and edits its memory; nothing here takes a lock.
/// </summary>
public sealed unsafe class SafeLlamaContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeLlamaModelHandle? _model;
    private IntPtr _memory;
    private int* _abortFlag;
    private bool _abortInstalled;

    /// <summary>Creates an invalid handle (used by the interop marshaller).</summary>
    public SafeLlamaContextHandle() : base(ownsHandle: true)
    {
    }

    /// <summary>The model this context runs.</summary>
    public SafeLlamaModelHandle Model => _model ?? throw new ObjectDisposedException(nameof(SafeLlamaContextHandle));

    /// <summary>Context size in tokens, as the library settled it (may differ from the request).</summary>
    public int ContextSize => (int)NativeMethods.llama_n_ctx(this);

    /// <summary>Cells available to one sequence (the whole context when the KV cache is unified).</summary>
    public int SequenceContextSize => (int)NativeMethods.llama_n_ctx_seq(this);

    /// <summary>Largest batch one decode accepts.</summary>
    public int BatchSize => (int)NativeMethods.llama_n_batch(this);

    /// <summary>Physical micro-batch size.</summary>
    public int MicroBatchSize => (int)NativeMethods.llama_n_ubatch(this);

    /// <summary>Number of sequences the context holds.</summary>
    public int MaxSequences => (int)NativeMethods.llama_n_seq_max(this);

    /// <summary>Threads used for single-token decodes.</summary>
    public int Threads => NativeMethods.llama_n_threads(this);

    /// <summary>Threads used for batch decodes.</summary>
    public int BatchThreads => NativeMethods.llama_n_threads_batch(this);

    /// <summary>The pooling type in effect for embeddings.</summary>
    public LlamaPoolingType PoolingType => (LlamaPoolingType)NativeMethods.llama_pooling_type(this);

    /// <summary>Whether positions of the memory can be shifted (<see cref="ShiftPositions"/>).</summary>
    public bool CanShift => NativeMethods.llama_memory_can_shift(Memory);

    private IntPtr Memory
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return _memory;
        }
    }

    /// <summary>Creates a context over <paramref name="model"/>.</summary>
    /// <exception cref="LlamaNativeException">llama.cpp refused the parameters or ran out of memory (see its log).</exception>
    public static SafeLlamaContextHandle Create(SafeLlamaModelHandle model, LlamaContextParams parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        LlamaRuntime.EnsureInitialized();
        var added = false;
        model.DangerousAddRef(ref added);
        var pointer = NativeMethods.llama_init_from_model(model, parameters);
        if (pointer == IntPtr.Zero)
        {
            model.DangerousRelease();
            var reason = NativeLogBridge.TakeLastError() ?? "see the llama.cpp log";
            throw new LlamaNativeException($"llama.cpp could not create a context with these parameters: {reason}.");
        }

        var context = new SafeLlamaContextHandle();
        context.SetHandle(pointer);
        context._model = model;
        context._memory = NativeMethods.llama_get_memory(context);
        context._abortFlag = (int*)NativeMemory.AllocZeroed(sizeof(int));
        return context;
    }

    /// <summary>Decodes a batch; the memory keeps its tokens and the outputs it marked get logits.</summary>
    public DecodeResult Decode(LlamaBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return (DecodeResult)NativeMethods.llama_decode(this, batch.Native);
    }

    /// <summary>
    /// Decodes a batch and lets <paramref name="cancellationToken"/> abort it between graph nodes (CPU
    /// backends); an aborted decode returns <see cref="DecodeResult.Aborted"/>.
    /// </summary>
    public DecodeResult Decode(LlamaBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!cancellationToken.CanBeCanceled)
        {
            return Decode(batch);
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The abort callback costs a managed call per graph node, so it is installed only once a caller
        // actually brings a cancellable token.
        if (!_abortInstalled)
        {
            NativeMethods.llama_set_abort_callback(this, &ShouldAbort, (IntPtr)_abortFlag);
            _abortInstalled = true;
        }

        var flag = (IntPtr)_abortFlag;
        using var registration = cancellationToken.UnsafeRegister(static state => Volatile.Write(ref *(int*)(IntPtr)state!, 1), flag);
        try
        {
            return (DecodeResult)NativeMethods.llama_decode(this, batch.Native);
        }
        finally
        {
            registration.Dispose();
            Volatile.Write(ref *_abortFlag, 0);
        }
    }

    /// <summary>Runs the encoder of an encoder-decoder model over a batch (no KV cache).</summary>
    public DecodeResult Encode(LlamaBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return (DecodeResult)NativeMethods.llama_encode(this, batch.Native);
    }

    /// <summary>
    /// Logits of output <paramref name="outputIndex"/> of the last decode (the index of the token in the
    /// batch; negative counts from the last output). The span points into llama.cpp's buffer and is valid
    /// only until the next decode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">That token did not request an output.</exception>
    public ReadOnlySpan<float> GetLogits(int outputIndex)
    {
        var logits = NativeMethods.llama_get_logits_ith(this, outputIndex);
        if (logits == null)
        {
            throw new ArgumentOutOfRangeException(nameof(outputIndex), outputIndex, "The last decode produced no logits for this index.");
        }

        return new ReadOnlySpan<float>(logits, Model.Vocabulary.Count);
    }

    /// <summary>Embedding of output <paramref name="outputIndex"/> (contexts created with embeddings on); valid until the next decode.</summary>
    public ReadOnlySpan<float> GetEmbeddings(int outputIndex)
    {
        var embeddings = NativeMethods.llama_get_embeddings_ith(this, outputIndex);
        if (embeddings == null)
        {
            throw new ArgumentOutOfRangeException(nameof(outputIndex), outputIndex, "The last decode produced no embedding for this index.");
        }

        return new ReadOnlySpan<float>(embeddings, Model.EmbeddingLength);
    }

    /// <summary>The pooled embedding of a sequence (pooling other than None), or an empty span.</summary>
    public ReadOnlySpan<float> GetSequenceEmbeddings(int sequenceId)
    {
        var embeddings = NativeMethods.llama_get_embeddings_seq(this, sequenceId);
        return embeddings == null ? default : new ReadOnlySpan<float>(embeddings, Model.EmbeddingLength);
    }

    /// <summary>Switches embedding output on or off.</summary>
    public void SetEmbeddings(bool enabled) => NativeMethods.llama_set_embeddings(this, enabled);

    /// <summary>Sets the thread counts for single-token and batch decodes.</summary>
    public void SetThreads(int threads, int batchThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchThreads, 1);
        NativeMethods.llama_set_n_threads(this, threads, batchThreads);
    }

    /// <summary>Empties the memory of every sequence (and zeroes its buffers when <paramref name="clearData"/>).</summary>
    public void ClearMemory(bool clearData = true) => NativeMethods.llama_memory_clear(Memory, clearData);

    /// <summary>
    /// Removes the tokens of <paramref name="sequenceId"/> (any sequence when negative) at positions
    /// [<paramref name="from"/>, <paramref name="to"/>); -1 for an open end. False when a partial range cannot be removed.
    /// </summary>
    public bool RemoveTokens(int sequenceId, int from, int to) => NativeMethods.llama_memory_seq_rm(Memory, sequenceId, from, to);

    /// <summary>Makes the tokens of <paramref name="source"/> at [<paramref name="from"/>, <paramref name="to"/>) belong to <paramref name="destination"/> too.</summary>
    public void CopyTokens(int source, int destination, int from, int to) => NativeMethods.llama_memory_seq_cp(Memory, source, destination, from, to);

    /// <summary>Removes every token that does not belong to <paramref name="sequenceId"/>.</summary>
    public void KeepOnly(int sequenceId) => NativeMethods.llama_memory_seq_keep(Memory, sequenceId);

    /// <summary>Adds <paramref name="delta"/> to the positions of a sequence in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void ShiftPositions(int sequenceId, int from, int to, int delta) => NativeMethods.llama_memory_seq_add(Memory, sequenceId, from, to, delta);

    /// <summary>Smallest and largest position a sequence holds, or (-1, -1) when it is empty.</summary>
    public (int Min, int Max) GetPositionRange(int sequenceId) =>
        (NativeMethods.llama_memory_seq_pos_min(Memory, sequenceId), NativeMethods.llama_memory_seq_pos_max(Memory, sequenceId));

    /// <summary>A copy of one sequence's state (its KV cells), to restore with <see cref="SetSequenceState"/>.</summary>
    public byte[] GetSequenceState(int sequenceId)
    {
        var size = NativeMethods.llama_state_seq_get_size(this, sequenceId);
        var state = new byte[(int)size];
        fixed (byte* p = state)
        {
            var written = NativeMethods.llama_state_seq_get_data(this, p, size, sequenceId);
            return written == size ? state : state.AsSpan(0, (int)written).ToArray();
        }
    }

    /// <summary>Loads a state saved by <see cref="GetSequenceState"/> into <paramref name="sequenceId"/>; false when llama.cpp rejects it.</summary>
    public bool SetSequenceState(int sequenceId, ReadOnlySpan<byte> state)
    {
        fixed (byte* p = state)
        {
            return NativeMethods.llama_state_seq_set_data(this, p, (nuint)state.Length, sequenceId) != 0;
        }
    }

    /// <summary>The context's performance counters (zero unless created with performance timings on).</summary>
    public LlamaContextPerformance GetPerformance()
    {
        // llama.cpp adds a decode to its counters only when it synchronizes with the backend.
        NativeMethods.llama_synchronize(this);
        var data = NativeMethods.llama_perf_context(this);
        return new LlamaContextPerformance(
            TimeSpan.FromMilliseconds(data.t_load_ms),
            TimeSpan.FromMilliseconds(data.t_p_eval_ms),
            TimeSpan.FromMilliseconds(data.t_eval_ms),
            data.n_p_eval,
            data.n_eval,
            data.n_reused);
    }

    /// <summary>Resets the performance counters.</summary>
    public void ResetPerformance()
    {
        NativeMethods.llama_synchronize(this);
        NativeMethods.llama_perf_context_reset(this);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_free(handle);
        NativeMemory.Free(_abortFlag);
        _abortFlag = null;
        _memory = IntPtr.Zero;
        _model?.DangerousRelease();
        _model = null;
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte ShouldAbort(IntPtr flag) => Volatile.Read(ref *(int*)flag) != 0 ? (byte)1 : (byte)0;
}
