namespace AgentOS.Kernel.Runs;

/// <summary>What one step (one assistant turn and its tool calls) cost.</summary>
/// <param name="Step">The step number (1-based).</param>
/// <param name="TokensPrefilled">Tokens appended before the turn was generated: the prompt for step 1, then only the end of the previous turn, the tool results and the next turn's opening.</param>
/// <param name="TokensGenerated">Tokens the model generated in the turn (the final end-of-generation token is not counted; it is never decoded).</param>
/// <param name="ModelTime">Time spent prefilling and generating.</param>
/// <param name="ToolTime">Wall-clock time spent running the turn's tool calls.</param>
/// <param name="ToolCalls">Calls the turn made (well-formed or not).</param>
/// <param name="GeneratedText">The turn's output as generated, markers included.</param>
public sealed record StepStats(int Step, int TokensPrefilled, int TokensGenerated, TimeSpan ModelTime, TimeSpan ToolTime, int ToolCalls, string GeneratedText);
