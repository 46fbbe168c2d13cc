namespace AgentOS.Inference;

/// <summary>Tokens to append to one sequence, as part of a multi-sequence <see cref="LlamaContext.Decode"/>.</summary>
/// <param name="Sequence">The sequence.</param>
/// <param name="Tokens">The tokens that follow the sequence's current tokens.</param>
public readonly record struct SequenceTokens(LlamaSequence Sequence, ReadOnlyMemory<int> Tokens);
