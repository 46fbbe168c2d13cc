using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

// Backend, device and logging functions (ggml-backend.h, ggml.h, llama.h "backend init").
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ggml_backend_load_all_from_path(string dirPath);

    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr ggml_backend_load(string path);

    [LibraryImport(Ggml)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint ggml_backend_dev_count();

    [LibraryImport(Ggml)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr ggml_backend_dev_get(nuint index);

    [LibraryImport(GgmlBase)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial byte* ggml_backend_dev_name(IntPtr device);

    [LibraryImport(GgmlBase)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial byte* ggml_backend_dev_description(IntPtr device);

    [LibraryImport(GgmlBase)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int ggml_backend_dev_type(IntPtr device);

    [LibraryImport(GgmlBase)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ggml_backend_dev_memory(IntPtr device, nuint* free, nuint* total);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_backend_init();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_backend_free();

    /// <summary>Sets the log callback of llama.cpp and ggml (one global, not thread-safe to change).</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial byte* llama_print_system_info();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_supports_gpu_offload();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool llama_supports_mmap();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nuint llama_max_parallel_sequences();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial long llama_time_us();
}
