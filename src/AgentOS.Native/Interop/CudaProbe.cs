using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary>
/// Asks the CUDA driver and runtime whether the CUDA build can work here, BEFORE any llama.cpp library is
/// loaded: once a build is loaded it cannot be swapped, so the choice must be right the first time.
/// </summary>
internal static unsafe class CudaProbe
{
    // CUdevice_attribute values from cuda.h.
    private const int ComputeCapabilityMajor = 75;
    private const int ComputeCapabilityMinor = 76;

    /// <summary>
    /// The GPU architectures the pinned <c>libggml-cuda.so</c> has kernels for, read from the binary of
    /// node-llama-cpp 3.22.1 (@node-llama-cpp/linux-x64-cuda, CUDA 13): sm_86, sm_89, sm_120a and sm_121a, and
    /// no PTX the driver could compile for another one. On any other GPU (an H100, 9.0, for one) llama.cpp
    /// registers the device and then aborts the whole process at the first kernel ("ggml-cuda.cu:108: CUDA
    /// error"), so such a GPU must send us to the CPU build before anything is loaded. Update on every bump.
    /// </summary>
    internal static readonly ComputeCapability[] SupportedArchitectures = [new(8, 6), new(8, 9), new(12, 0), new(12, 1)];

    internal readonly record struct Result(bool Usable, string Description, bool UnsupportedArchitecture = false);

    /// <summary>A GPU's compute capability, written as CUDA does ("8.6").</summary>
    internal readonly record struct ComputeCapability(int Major, int Minor)
    {
        public override string ToString() => $"{Major}.{Minor}";
    }

    /// <summary>
    /// Whether every GPU has an architecture in <see cref="SupportedArchitectures"/>: llama.cpp spreads a model over
    /// all visible GPUs, so one unsupported card aborts the process as surely as a lone one.
    /// </summary>
    internal static bool AllSupported(IReadOnlyCollection<ComputeCapability> capabilities) =>
        capabilities.Count > 0 && capabilities.All(c => Array.IndexOf(SupportedArchitectures, c) >= 0);

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
            !NativeLibrary.TryGetExport(driver, "cuDeviceGetCount", out var getCount) ||
            !NativeLibrary.TryGetExport(driver, "cuDeviceGet", out var getDevice) ||
            !NativeLibrary.TryGetExport(driver, "cuDeviceGetAttribute", out var getAttribute))
        {
            return new Result(false, "libcuda.so.1 lacks cuInit/cuDeviceGetCount/cuDeviceGet/cuDeviceGetAttribute");
        }

        var status = ((delegate* unmanaged[Cdecl]<uint, int>)init)(0);
        if (status != 0)
        {
            return new Result(false, $"cuInit failed with CUDA error {status}");
        }

        var count = 0;
        status = ((delegate* unmanaged[Cdecl]<int*, int>)getCount)(&count);
        if (status != 0 || count <= 0)
        {
            return new Result(false, "no CUDA device");
        }

        var capabilities = new List<ComputeCapability>(count);
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            int device = 0, major = 0, minor = 0;
            if (((delegate* unmanaged[Cdecl]<int*, int, int>)getDevice)(&device, ordinal) != 0 ||
                ((delegate* unmanaged[Cdecl]<int*, int, int, int>)getAttribute)(&major, ComputeCapabilityMajor, device) != 0 ||
                ((delegate* unmanaged[Cdecl]<int*, int, int, int>)getAttribute)(&minor, ComputeCapabilityMinor, device) != 0)
            {
                return new Result(false, $"cannot read the compute capability of CUDA device {ordinal}");
            }

            capabilities.Add(new ComputeCapability(major, minor));
        }

        var found = string.Join(", ", capabilities);
        return AllSupported(capabilities)
            ? new Result(true, $"{count} CUDA device(s), compute capability {found}")
            : new Result(
                false,
                $"GPU compute capability {found} is not one the CUDA build has kernels for ({string.Join(", ", SupportedArchitectures)})",
                UnsupportedArchitecture: true);
    }
}
