using System.Runtime.InteropServices;
using System.Text;
using AgentOS.Native.Interop;

namespace AgentOS.Native;

/// <summary>
/// llama.cpp's built-in chat formatting (<c>llama_chat_apply_template</c>). It has no Jinja engine: it
/// recognises a fixed list of template families by their markers (ChatML, Llama 3, Mistral, …).
/// </summary>
public static unsafe class LlamaChatTemplates
{
    /// <summary>Names of the templates llama.cpp knows (usable in place of a template text).</summary>
    public static IReadOnlyList<string> BuiltIn
    {
        get
        {
            LlamaRuntime.EnsureInitialized();
            var count = NativeMethods.llama_chat_builtin_templates(null, 0);
            var names = new IntPtr[Math.Max(count, 0)];
            fixed (IntPtr* p = names)
            {
                count = NativeMethods.llama_chat_builtin_templates((byte**)p, (nuint)names.Length);
            }

            return names.Take(count).Select(n => Marshal.PtrToStringUTF8(n) ?? string.Empty).ToArray();
        }
    }

    /// <summary>
    /// Formats <paramref name="messages"/> with <paramref name="template"/> (a template text or a built-in
    /// name), or returns null when llama.cpp does not recognise the template.
    /// </summary>
    /// <param name="template">The Jinja template text from the GGUF, or a built-in name such as <c>chatml</c>.</param>
    /// <param name="messages">The conversation.</param>
    /// <param name="addAssistantPrefix">End with the tokens that open an assistant turn.</param>
    public static string? Apply(string template, IReadOnlyList<LlamaChatMessage> messages, bool addAssistantPrefix)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(messages);
        LlamaRuntime.EnsureInitialized();
        var native = new LlamaChatMessageNative[messages.Count];
        var templateUtf8 = Utf8Buffer.Allocate(template);
        var size = 256;
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].role = Utf8Buffer.Allocate(messages[i].Role ?? string.Empty);
                native[i].content = Utf8Buffer.Allocate(messages[i].Content ?? string.Empty);
                size += 2 * (Encoding.UTF8.GetByteCount(messages[i].Content ?? string.Empty) + 32);
            }

            for (var attempt = 0; attempt < 2; attempt++)
            {
                var buffer = new byte[size];
                int length;
                fixed (LlamaChatMessageNative* chat = native)
                fixed (byte* buf = buffer)
                {
                    length = NativeMethods.llama_chat_apply_template(templateUtf8, chat, (nuint)native.Length, addAssistantPrefix, buf, buffer.Length);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length <= buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                size = length;
            }

            throw new LlamaNativeException("llama_chat_apply_template kept asking for a larger buffer.");
        }
        finally
        {
            NativeMemory.Free(templateUtf8);
            foreach (var message in native)
            {
                NativeMemory.Free(message.role);
                NativeMemory.Free(message.content);
            }
        }
    }
}
