using System.Runtime.InteropServices;

namespace AgentOS.Native;

/// <summary><c>struct llama_sampler_chain_params</c>: one byte.</summary>
[StructLayout(LayoutKind.Explicit, Size = 1)]
public struct LlamaSamplerChainParams
{
    [FieldOffset(0)] internal byte no_perf;

    /// <summary>The library's defaults (<c>llama_sampler_chain_default_params</c>). Requires <see cref="LlamaRuntime.Initialize"/>.</summary>
    public static LlamaSamplerChainParams CreateDefault()
    {
        LlamaRuntime.EnsureInitialized();
        return Interop.NativeMethods.llama_sampler_chain_default_params();
    }

    /// <summary>Skip performance timing (default true).</summary>
    public bool NoPerformanceTimings { readonly get => no_perf != 0; set => no_perf = value ? (byte)1 : (byte)0; }
}
