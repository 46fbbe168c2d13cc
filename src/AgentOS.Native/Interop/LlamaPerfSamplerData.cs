using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary><c>struct llama_perf_sampler_data</c>: 16 bytes, returned in xmm0 (double) and rax (int).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct LlamaPerfSamplerData
{
    [FieldOffset(0x00)] public double t_sample_ms;
    [FieldOffset(0x08)] public int n_sample;
}
