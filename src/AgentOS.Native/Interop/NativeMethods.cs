using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary>
/// The C API of the pinned llama.cpp release (node-llama-cpp 3.22.1, llama.cpp v0.5.0), split by header
/// area into partial files. Every signature was checked against that release's <c>llama.h</c> and the
/// binary's exports (<c>nm -D</c>), and the changed ones against its disassembly.
/// </summary>
/// <remarks>
/// Conventions that keep the ABI honest: C <c>bool</c> is always one byte (<c>[MarshalAs(UnmanagedType.U1)]</c>
/// in signatures, <c>byte</c> in structs), <c>const char*</c> inputs are UTF-8, and <c>const char*</c>
/// RETURNS are raw pointers: a <c>string</c> return would make the marshaller free memory llama.cpp owns.
/// The library names below are logical; <see cref="LlamaRuntime"/> maps them to full paths with a DllImport resolver.
/// </remarks>
internal static partial class NativeMethods
{
    /// <summary>libllama.</summary>
    internal const string Llama = "agentos-llama";

    /// <summary>libggml: backend registry, device enumeration, dynamic backend loading.</summary>
    internal const string Ggml = "agentos-ggml";

    /// <summary>libggml-base: device properties.</summary>
    internal const string GgmlBase = "agentos-ggml-base";

    /// <summary><c>LLAMA_DEFAULT_SEED</c>: asks the sampler for a random seed.</summary>
    internal const uint DefaultSeed = 0xFFFFFFFF;

    /// <summary><c>LLAMA_TOKEN_NULL</c>.</summary>
    internal const int TokenNull = -1;
}
