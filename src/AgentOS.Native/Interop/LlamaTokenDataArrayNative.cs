using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary><c>struct llama_token_data_array</c>: 32 bytes; samplers may replace <c>data</c>.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct LlamaTokenDataArrayNative
{
    [FieldOffset(0x00)] public LlamaTokenData* data;
    [FieldOffset(0x08)] public nuint size;
    [FieldOffset(0x10)] public long selected;
    [FieldOffset(0x18)] public byte sorted;
}
