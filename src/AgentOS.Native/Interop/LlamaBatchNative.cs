using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary><c>struct llama_batch</c>: 56 bytes, passed to <c>llama_decode</c> by value.</summary>
[StructLayout(LayoutKind.Explicit, Size = 56)]
internal unsafe struct LlamaBatchNative
{
    [FieldOffset(0x00)] public int n_tokens;
    [FieldOffset(0x08)] public int* token;
    [FieldOffset(0x10)] public float* embd;
    [FieldOffset(0x18)] public int* pos;
    [FieldOffset(0x20)] public int* n_seq_id;
    [FieldOffset(0x28)] public int** seq_id;
    [FieldOffset(0x30)] public sbyte* logits;
}
