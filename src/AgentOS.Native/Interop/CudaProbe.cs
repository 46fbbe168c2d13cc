using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary>
/// Asks the CUDA driver and runtime whether the CUDA build can work here, BEFORE any llama.cpp library is
/// loaded: once a build is loaded it cannot be swapped, so the choice must be right the first time.
/// </summary>
internal static unsafe class CudaProbe
{
    internal readonly record struct Result(bool Usable, string Description);

    internal static Result Run()
    {
        if (!NativeLibrary.TryLoad("libcuda.so.1", out var driver))
        {
            return new Result(false, "no NVIDIA driver (libcuda.so.1)");
        }

        // libggml-cuda of this release links the CUDA 13 runtime; without it the backend cannot load.
        foreach (var runtime in (string[])["libcudart.so.13", "libcublas.so.13"])
        {
            if (!NativeLibrary.TryLoad(runtime, out _))
            {
                return new Result(false, $"{runtime} not found");
            }
        }

        if (!NativeLibrary.TryGetExport(driver, "cuInit", out var init) ||
            !NativeLibrary.TryGetExport(driver, "cuDeviceGetCount", out var getCount))
        {
            return new Result(false, "libcuda.so.1 lacks cuInit/cuDeviceGetCount");
        }

        var status = ((delegate* unmanaged[Cdecl]<uint, int>)init)(0);
        if (status != 0)
        {
            return new Result(false, $"cuInit failed with CUDA error {status}");
        }

        var count = 0;
        status = ((delegate* unmanaged[Cdecl]<int*, int>)getCount)(&count);
        return status == 0 && count > 0
            ? new Result(true, $"{count} CUDA device(s)")
            : new Result(false, "no CUDA device");
    }
}
