namespace AgentOS.Train.Eval;

/// <summary>
/// How the model did on a held-out task run freely, the way the kernel runs it: the model's own calls go to the real
/// tools and their results come back, until it answers or runs out of steps.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="Family">The episode's task family.</param>
/// <param name="TemplateHeldOut">True when the episode's phrasing template is one training never used.</param>
/// <param name="Calls">Calls the model wrote (parsed or not).</param>
/// <param name="ValidCalls">Of those, calls that parsed and matched their tool's schema.</param>
/// <param name="ToolsRight">The tools called, in order, are the reference's.</param>
/// <param name="FinalAnswer">The final answer, or null when the run ended without one.</param>
/// <param name="FinalRight">The final answer contains every expected string (and no tool was called when none was needed).</param>
/// <param name="Transcript">The run as text, for failure reports.</param>
/// <param name="CopyFirstTokenRight">For a task whose answer is a copy of part of the task ("Repeat after me: …"): the
/// answer's first token is the copy's first token. Null for other tasks.</param>
/// <param name="CopyRightAfterFirstToken">For such a task: every token after the first is the copy's. Null for other tasks.</param>
public sealed record RunOutcome(
    string EpisodeId,
    string Family,
    bool TemplateHeldOut,
    int Calls,
    int ValidCalls,
    bool ToolsRight,
    string? FinalAnswer,
    bool FinalRight,
    string Transcript,
    bool? CopyFirstTokenRight = null,
    bool? CopyRightAfterFirstToken = null);
