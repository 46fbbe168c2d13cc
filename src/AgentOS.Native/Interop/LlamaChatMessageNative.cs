using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary><c>struct llama_chat_message</c>: two UTF-8 string pointers, 16 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct LlamaChatMessageNative
{
    [FieldOffset(0x00)] public byte* role;
    [FieldOffset(0x08)] public byte* content;
}
