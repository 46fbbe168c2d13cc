using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

// KV memory and per-sequence state (llama.h "memory", "state / sessions").
// Position ranges are [p0, p1); p0 < 0 means from 0, p1 < 0 means to the end.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_memory_clear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    /// <summary>False when a partial range cannot be removed; removing a whole sequence never fails.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_memory_seq_rm(IntPtr memory, int seqId, int p0, int p1);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_memory_seq_cp(IntPtr memory, int seqIdSrc, int seqIdDst, int p0, int p1);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_memory_seq_keep(IntPtr memory, int seqId);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_memory_seq_add(IntPtr memory, int seqId, int p0, int p1, int delta);

    /// <summary>-1 when the sequence is empty.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_memory_seq_pos_min(IntPtr memory, int seqId);

    /// <summary>-1 when the sequence is empty.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_memory_seq_pos_max(IntPtr memory, int seqId);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_memory_can_shift(IntPtr memory);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_seq_get_size(SafeLlamaContextHandle context, int seqId);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_seq_get_data(SafeLlamaContextHandle context, byte* dst, nuint size, int seqId);

    /// <summary>Positive on success, 0 on failure.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_seq_set_data(SafeLlamaContextHandle context, byte* src, nuint size, int destSeqId);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_get_size(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_get_data(SafeLlamaContextHandle context, byte* dst, nuint size);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_state_set_data(SafeLlamaContextHandle context, byte* src, nuint size);
}
