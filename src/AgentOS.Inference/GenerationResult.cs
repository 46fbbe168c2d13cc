namespace AgentOS.Inference;

/// <summary>The output of a whole generation.</summary>
/// <param name="Text">The generated text, without a stop sequence or end-of-generation token.</param>
/// <param name="Tokens">
/// Every token sampled except a final end-of-generation token; all are decoded into the sequence (the
/// tokens of a stop sequence included, though its text is not in <paramref name="Text"/>).
/// </param>
/// <param name="FinishReason">Why generation stopped.</param>
public sealed record GenerationResult(string Text, IReadOnlyList<int> Tokens, FinishReason FinishReason);
