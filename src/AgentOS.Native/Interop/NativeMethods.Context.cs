using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

// Context, batch, decode, logits and embeddings (llama.h "context", "decoding").
internal static unsafe partial class NativeMethods
{
    /// <summary>Returns null on failure.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_free(IntPtr context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_n_ctx(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_n_ctx_seq(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_n_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_n_ubatch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_n_seq_max(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_n_threads(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_n_threads_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_set_n_threads(SafeLlamaContextHandle context, int nThreads, int nThreadsBatch);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_set_embeddings(SafeLlamaContextHandle context, [MarshalAs(UnmanagedType.U1)] bool embeddings);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_set_abort_callback(SafeLlamaContextHandle context, delegate* unmanaged[Cdecl]<IntPtr, byte> callback, IntPtr data);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial LlamaBatchNative llama_batch_init(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_batch_free(LlamaBatchNative batch);

    /// <summary>0 ok, 1 no KV slot, 2 aborted, -1 invalid batch, &lt; -1 fatal.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatchNative batch);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_encode(SafeLlamaContextHandle context, LlamaBatchNative batch);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_synchronize(SafeLlamaContextHandle context);

    /// <summary>Logits row for output <paramref name="i"/> (negative counts from the end); null for an invalid index.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int i);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial float* llama_get_embeddings_ith(SafeLlamaContextHandle context, int i);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial float* llama_get_embeddings_seq(SafeLlamaContextHandle context, int seqId);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_pooling_type(SafeLlamaContextHandle context);
}
