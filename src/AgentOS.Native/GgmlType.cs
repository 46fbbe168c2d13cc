using System.Diagnostics.CodeAnalysis;

namespace AgentOS.Native;

/// <summary>The <c>enum ggml_type</c> values usable for the KV cache.</summary>
[SuppressMessage("Naming", "CA1707", Justification = "Names match ggml's type names (Q8_0 is not Q80).")]
public enum GgmlType
{
    /// <summary>32-bit float.</summary>
    F32 = 0,

    /// <summary>16-bit float.</summary>
    F16 = 1,

    /// <summary>4-bit blocks.</summary>
    Q4_0 = 2,

    /// <summary>8-bit blocks.</summary>
    Q8_0 = 8,

    /// <summary>bfloat16.</summary>
    BF16 = 30,
}
