using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

/// <summary><c>struct llama_perf_context_data</c>: 48 bytes, returned through a hidden pointer.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal struct LlamaPerfContextData
{
    [FieldOffset(0x00)] public double t_start_ms;
    [FieldOffset(0x08)] public double t_load_ms;
    [FieldOffset(0x10)] public double t_p_eval_ms;
    [FieldOffset(0x18)] public double t_eval_ms;
    [FieldOffset(0x20)] public int n_p_eval;
    [FieldOffset(0x24)] public int n_eval;
    [FieldOffset(0x28)] public int n_reused;
}
