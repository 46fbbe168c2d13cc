using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentOS.Native.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOS.Native;

/// <summary>
/// Loads the pinned llama.cpp libraries and registers ggml's compute backends. Call <see cref="Initialize"/>
/// once at start-up, before any other type of this assembly touches native code; it is explicit on purpose
/// (no static constructor decides for the host which libraries, which GPU or which logger).
/// </summary>
public static partial class LlamaRuntime
{
    private static readonly Lock s_gate = new();
    private static RuntimeState? s_state;
    private static bool s_resolverInstalled;

    /// <summary>Whether <see cref="Initialize"/> has completed.</summary>
    public static bool IsInitialized => s_state is not null;

    /// <summary>The directory the native libraries were loaded from.</summary>
    public static string NativeDirectory => State.Directory;

    /// <summary>Which build was loaded.</summary>
    public static LlamaBackendKind Backend => State.Backend;

    /// <summary>Whether a GPU (discrete or integrated) backend device is registered, so layers can be offloaded.</summary>
    public static bool HasGpu => Devices.Any(d => d.Type is LlamaDeviceType.Gpu or LlamaDeviceType.IntegratedGpu);

    /// <summary>The compute devices ggml registered, with their current free memory.</summary>
    public static IReadOnlyList<LlamaDevice> Devices
    {
        get
        {
            _ = State;
            return ReadDevices();
        }
    }

    /// <summary>llama.cpp's description of the CPU features and backends in use.</summary>
    public static unsafe string SystemInfo
    {
        get
        {
            _ = State;
            return Marshal.PtrToStringUTF8((IntPtr)NativeMethods.llama_print_system_info()) ?? string.Empty;
        }
    }

    /// <summary>The most sequences one context may hold (<c>llama_max_parallel_sequences</c>).</summary>
    public static int MaxParallelSequences
    {
        get
        {
            _ = State;
            return (int)NativeMethods.llama_max_parallel_sequences();
        }
    }

    private static RuntimeState State => s_state ?? throw NotInitialized();

    /// <summary>
    /// Finds the native directory (see <see cref="LlamaRuntimeOptions.NativeDirectory"/>), loads
    /// <c>libllama</c> and <c>libggml</c> from it by full path, routes their log into the given logger, loads
    /// the CPU (and GPU) backend variants with <c>ggml_backend_load_all_from_path</c> and initialises llama.cpp.
    /// Calling it again returns at once (a new logger factory replaces the old one); asking for another
    /// directory after the first call is an error, because a process can load the libraries only once.
    /// </summary>
    /// <exception cref="LlamaNativeException">The libraries are missing or cannot be loaded.</exception>
    public static void Initialize(LlamaRuntimeOptions? options = null)
    {
        options ??= new LlamaRuntimeOptions();
        lock (s_gate)
        {
            var logger = options.LoggerFactory?.CreateLogger(NativeLogBridge.Category) ?? (ILogger)NullLogger.Instance;
            if (s_state is { } existing)
            {
                var requested = options.NativeDirectory ?? Environment.GetEnvironmentVariable(LlamaRuntimeOptions.NativeDirectoryVariable);
                if (!string.IsNullOrEmpty(requested) && !SameDirectory(requested, existing.Directory))
                {
                    throw new InvalidOperationException(
                        $"The llama.cpp runtime is already initialized from '{existing.Directory}'; it cannot be re-initialized from '{requested}' in the same process.");
                }

                if (options.LoggerFactory is not null)
                {
                    NativeLogBridge.SetLogger(logger);
                }

                return;
            }

            var (directory, backend, reason) = ChooseDirectory(options, logger);
            var libraries = LoadLibraries(directory);
            if (!s_resolverInstalled)
            {
                NativeLibrary.SetDllImportResolver(typeof(LlamaRuntime).Assembly, Resolve);
                s_resolverInstalled = true;
            }

            // The resolver reads s_pending while the first calls below bind their imports.
            s_pending = libraries;
            NativeLogBridge.SetLogger(logger);
            unsafe
            {
                NativeMethods.llama_log_set(NativeLogBridge.Callback, IntPtr.Zero);
            }

            NativeMethods.ggml_backend_load_all_from_path(directory);
            if (backend == LlamaBackendKind.Cuda && !ReadDevices().Any(d => d.Type == LlamaDeviceType.Gpu))
            {
                LogNoCudaDevice(logger, directory);
            }

            NativeMethods.llama_backend_init();
            s_state = new RuntimeState(directory, backend, libraries);
            s_pending = null;
            LogInitialized(logger, backend, directory, reason);
        }
    }

    /// <summary>Throws unless <see cref="Initialize"/> has run.</summary>
    /// <exception cref="InvalidOperationException">The runtime is not initialized.</exception>
    public static void EnsureInitialized() => _ = State;

    /// <summary>
    /// The last error line llama.cpp logged on the calling thread since the previous call, or null; lets a
    /// caller whose native call failed say why. Reading it clears it.
    /// </summary>
    public static string? TakeLastNativeError() => NativeLogBridge.TakeLastError();

    private static InvalidOperationException NotInitialized() =>
        new("The llama.cpp runtime is not initialized: call LlamaRuntime.Initialize() at start-up.");

    private static LoadedLibraries? s_pending;

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var libraries = s_state?.Libraries ?? s_pending;
        if (libraries is null)
        {
            return IntPtr.Zero;
        }

        return libraryName switch
        {
            NativeMethods.Llama => libraries.Llama,
            NativeMethods.Ggml => libraries.Ggml,
            NativeMethods.GgmlBase => libraries.GgmlBase,
            _ => IntPtr.Zero,
        };
    }

    private static (string Directory, LlamaBackendKind Backend, string Reason) ChooseDirectory(LlamaRuntimeOptions options, ILogger logger)
    {
        var explicitDirectory = options.NativeDirectory;
        var reason = "NativeDirectory option";
        if (string.IsNullOrEmpty(explicitDirectory))
        {
            explicitDirectory = Environment.GetEnvironmentVariable(LlamaRuntimeOptions.NativeDirectoryVariable);
            reason = LlamaRuntimeOptions.NativeDirectoryVariable;
        }

        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            var full = Path.GetFullPath(explicitDirectory);
            return (full, IsCudaBuild(full) ? LlamaBackendKind.Cuda : LlamaBackendKind.Cpu, reason);
        }

        var root = Path.Combine(AppContext.BaseDirectory, "native");
        var cuda = Path.Combine(root, "cuda");
        var cpu = Path.Combine(root, "cpu");
        if (options.AllowGpu && IsCudaBuild(cuda))
        {
            var probe = CudaProbe.Run();
            if (probe.Usable)
            {
                return (cuda, LlamaBackendKind.Cuda, probe.Description);
            }

            reason = $"CUDA build present but not used: {probe.Description}";
            if (probe.UnsupportedArchitecture)
            {
                LogUnsupportedGpu(logger, cuda, probe.Description);
            }
        }
        else
        {
            reason = options.AllowGpu ? "no CUDA build installed" : "GPU not allowed";
        }

        return (cpu, LlamaBackendKind.Cpu, reason);
    }

    private static bool IsCudaBuild(string directory) => File.Exists(Path.Combine(directory, LibraryFiles.CudaLlama));

    private static LoadedLibraries LoadLibraries(string directory)
    {
        var llamaPath = LibraryFiles.Find(directory, LibraryFiles.CpuLlama, LibraryFiles.CudaLlama);
        var ggmlPath = LibraryFiles.Find(directory, LibraryFiles.CpuGgml, LibraryFiles.CudaGgml);
        var ggmlBasePath = Path.Combine(directory, LibraryFiles.GgmlBase);
        if (llamaPath is null || ggmlPath is null || !File.Exists(ggmlBasePath))
        {
            throw new LlamaNativeException(
                $"The llama.cpp libraries are not in '{directory}' (expected {LibraryFiles.CpuLlama}, {LibraryFiles.CpuGgml} and {LibraryFiles.GgmlBase}). " +
                $"Build the project with 'dotnet build' (it installs them through npm), or point {LlamaRuntimeOptions.NativeDirectoryVariable} at a directory that has them.");
        }

        try
        {
            // libllama first: its RUNPATH ($ORIGIN) resolves the libggml neighbours from the same directory.
            var llama = NativeLibrary.Load(llamaPath);
            var ggml = NativeLibrary.Load(ggmlPath);
            var ggmlBase = NativeLibrary.Load(ggmlBasePath);
            return new LoadedLibraries(llama, ggml, ggmlBase);
        }
        catch (DllNotFoundException ex)
        {
            throw new LlamaNativeException($"The llama.cpp libraries in '{directory}' could not be loaded: {ex.Message}", ex);
        }
    }

    private static unsafe List<LlamaDevice> ReadDevices()
    {
        var count = (int)NativeMethods.ggml_backend_dev_count();
        var devices = new List<LlamaDevice>(count);
        for (var i = 0; i < count; i++)
        {
            var device = NativeMethods.ggml_backend_dev_get((nuint)i);
            nuint free = 0, total = 0;
            NativeMethods.ggml_backend_dev_memory(device, &free, &total);
            devices.Add(new LlamaDevice(
                Marshal.PtrToStringUTF8((IntPtr)NativeMethods.ggml_backend_dev_name(device)) ?? string.Empty,
                Marshal.PtrToStringUTF8((IntPtr)NativeMethods.ggml_backend_dev_description(device)) ?? string.Empty,
                (LlamaDeviceType)NativeMethods.ggml_backend_dev_type(device),
                free,
                total));
        }

        return devices;
    }

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "llama.cpp {Backend} build loaded from {Directory} ({Reason})")]
    private static partial void LogInitialized(ILogger logger, LlamaBackendKind backend, string directory, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "The CUDA build in {Directory} registered no GPU device (is the CUDA 13 runtime, libcudart.so.13 and libcublas.so.13, installed?); running on the CPU")]
    private static partial void LogNoCudaDevice(ILogger logger, string directory);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "The CUDA build in {Directory} is not used, running on the CPU: {Reason}")]
    private static partial void LogUnsupportedGpu(ILogger logger, string directory, string reason);

    private sealed record LoadedLibraries(IntPtr Llama, IntPtr Ggml, IntPtr GgmlBase);

    private sealed record RuntimeState(string Directory, LlamaBackendKind Backend, LoadedLibraries Libraries);
}
