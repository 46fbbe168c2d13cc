using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentOS.Native.Interop;

/// <summary>Reads strings that llama.cpp writes into caller buffers (returning the length it needed).</summary>
internal static unsafe class Utf8Buffer
{
    /// <summary>
    /// Calls <paramref name="write"/> with a buffer and its size; it returns the string length (excluding the
    /// terminator) or a negative value for "absent". Grows the buffer once when the string did not fit.
    /// </summary>
    internal static string? Read(Func<IntPtr, nuint, int> write, int initialSize = 256)
    {
        var size = initialSize;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                int length;
                fixed (byte* p = buffer)
                {
                    length = write((IntPtr)p, (nuint)buffer.Length);
                }

                if (length < 0)
                {
                    return null;
                }

                if (length < buffer.Length)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }

                size = length + 1;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return null;
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="text"/> in unmanaged memory; free with <see cref="NativeMemory.Free"/>.</summary>
    internal static byte* Allocate(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var p = (byte*)NativeMemory.Alloc((nuint)count + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(p, count));
        p[count] = 0;
        return p;
    }
}
