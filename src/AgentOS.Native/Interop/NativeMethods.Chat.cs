using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

// Chat templates (llama.h "chat templates"): a fixed list of known templates, no Jinja engine.
internal static unsafe partial class NativeMethods
{
    /// <summary>Returns the formatted length (may exceed <paramref name="length"/>: grow and retry), or a negative value for an unknown template.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_chat_apply_template(
        byte* template, LlamaChatMessageNative* chat, nuint nMessages, [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buf, int length);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_chat_builtin_templates(byte** output, nuint length);
}
