namespace AgentOS.Inference;

/// <summary>What <see cref="LlamaSequence.Prefill"/> did.</summary>
/// <param name="ReusedTokens">Tokens already in the KV cache that were kept.</param>
/// <param name="DecodedTokens">Tokens that had to be decoded.</param>
public readonly record struct PrefillResult(int ReusedTokens, int DecodedTokens);
