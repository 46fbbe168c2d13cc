namespace AgentOS.Inference;

/// <summary>A piece of streamed output.</summary>
/// <param name="Text">Whole UTF-8 characters (may be empty while a character or a possible stop sequence is pending).</param>
/// <param name="Tokens">The tokens sampled for this piece, all decoded into the sequence.</param>
/// <param name="FinishReason">Set on the last chunk only.</param>
public sealed record GenerationChunk(string Text, IReadOnlyList<int> Tokens, FinishReason? FinishReason);
