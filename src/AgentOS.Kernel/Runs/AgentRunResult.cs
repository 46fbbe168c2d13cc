using AgentOS.Kernel.Conversations;

namespace AgentOS.Kernel.Runs;

/// <summary>The result of a run.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Answer">The final answer, or null when the run ended without one.</param>
/// <param name="Error">Why the run ended without an answer, or null.</param>
/// <param name="Transcript">The whole conversation: system prompt, tools, task, every assistant turn and tool result.</param>
/// <param name="Steps">Per-step statistics.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="FormatName">The tool-call format used.</param>
public sealed record AgentRunResult(
    RunOutcome Outcome,
    string? Answer,
    string? Error,
    Conversation Transcript,
    IReadOnlyList<StepStats> Steps,
    TimeSpan Elapsed,
    string FormatName)
{
    /// <summary>Tokens prefilled over the run.</summary>
    public int TotalTokensPrefilled => Steps.Sum(s => s.TokensPrefilled);

    /// <summary>Tokens generated over the run.</summary>
    public int TotalTokensGenerated => Steps.Sum(s => s.TokensGenerated);
}
