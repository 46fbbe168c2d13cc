namespace AgentOS.Kernel.Grammar;

/// <summary>
/// A lazy GBNF grammar for llama.cpp's grammar sampler: it does nothing until a trigger appears in the output, then
/// masks every token that cannot continue a valid call. The trigger itself is the first thing the grammar matches.
/// </summary>
/// <param name="Gbnf">The grammar text.</param>
/// <param name="Root">The start rule's name.</param>
/// <param name="TriggerTokens">Texts of special tokens that start the grammar (each must be one token).</param>
/// <param name="TriggerPatterns">Regular expressions over the generated text that start the grammar; the first capture group marks where the constrained text begins.</param>
public sealed record ToolCallGrammar(string Gbnf, string Root, IReadOnlyList<string> TriggerTokens, IReadOnlyList<string> TriggerPatterns);
