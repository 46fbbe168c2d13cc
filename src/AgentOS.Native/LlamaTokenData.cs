using System.Runtime.InteropServices;

namespace AgentOS.Native;

/// <summary><c>struct llama_token_data</c>: a candidate token with its logit and probability (12 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
public struct LlamaTokenData
{
    /// <summary>Token id.</summary>
    [FieldOffset(0)] public int Id;

    /// <summary>Log-odds of the token.</summary>
    [FieldOffset(4)] public float Logit;

    /// <summary>Probability of the token (filled by samplers that compute it).</summary>
    [FieldOffset(8)] public float Probability;
}
