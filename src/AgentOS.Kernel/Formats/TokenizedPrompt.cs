namespace AgentOS.Kernel.Formats;

/// <summary>Token ids of a rendered prompt, with a parallel flag per token saying whether the model generates it.</summary>
/// <param name="Tokens">The token ids.</param>
/// <param name="IsModelOutput">For each token, true when it belongs to a segment the model generates (loss mask for training).</param>
public sealed record TokenizedPrompt(IReadOnlyList<int> Tokens, IReadOnlyList<bool> IsModelOutput);
