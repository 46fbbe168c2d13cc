using Microsoft.Extensions.Logging;

namespace AgentOS.Native;

/// <summary>How <see cref="LlamaRuntime.Initialize"/> finds and sets up the native llama.cpp libraries.</summary>
public sealed class LlamaRuntimeOptions
{
    /// <summary>The environment variable that overrides the native library directory.</summary>
    public const string NativeDirectoryVariable = "AGENTOS_NATIVE_DIR";

    /// <summary>
    /// Directory holding <c>libllama*.so</c> and <c>libggml*.so</c>. Default null: the
    /// <c>AGENTOS_NATIVE_DIR</c> environment variable if set, else <c>native/cuda</c> next to the application
    /// when the CUDA build is installed there and a CUDA device answers (and <see cref="AllowGpu"/>), else
    /// <c>native/cpu</c> next to the application.
    /// </summary>
    public string? NativeDirectory { get; set; }

    /// <summary>Whether the CUDA build may be chosen when no directory is given (default true).</summary>
    public bool AllowGpu { get; set; } = true;

    /// <summary>
    /// Receives llama.cpp's and ggml's log lines under the category <c>AgentOS.Native.LlamaCpp</c>
    /// (default null: the lines are dropped, so nothing is written to stderr behind the host's back).
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
