using System.Runtime.InteropServices;

namespace AgentOS.Native;

/// <summary><c>struct llama_logit_bias</c>: a value added to one token's logit (8 bytes).</summary>
/// <param name="Token">The token id.</param>
/// <param name="Bias">Added to the logit; <see cref="float.NegativeInfinity"/> bans the token.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct LlamaLogitBias(int Token, float Bias);
