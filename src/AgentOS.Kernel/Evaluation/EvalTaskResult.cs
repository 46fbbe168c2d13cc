using AgentOS.Kernel.Runs;

namespace AgentOS.Kernel.Evaluation;

/// <summary>How one task went.</summary>
/// <param name="Task">The task.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Answer">The final answer, or null.</param>
/// <param name="CalledTools">Names of the well-formed calls, in order.</param>
/// <param name="Calls">Calls the model wrote, well-formed or not.</param>
/// <param name="ValidCalls">Calls that named a registered tool with arguments that match its schema.</param>
/// <param name="Steps">Assistant turns.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record EvalTaskResult(
    EvalTask Task,
    RunOutcome Outcome,
    string? Answer,
    IReadOnlyList<string> CalledTools,
    int Calls,
    int ValidCalls,
    int Steps,
    TimeSpan Elapsed)
{
    /// <summary>
    /// True when the first call named the expected tool; for a task that needs no tool, true when the model wrote no
    /// call at all (a malformed one counts as a call).
    /// </summary>
    public bool ToolRight => Task.ExpectedFirstTool is { } expected
        ? CalledTools.Count > 0 && string.Equals(CalledTools[0], expected, StringComparison.Ordinal)
        : Calls == 0;

    /// <summary>True when the run answered and the answer contains every expected string.</summary>
    public bool AnswerRight => Outcome == RunOutcome.Answered && Answer is not null
        && Task.AnswerContains.All(s => Answer.Contains(s, StringComparison.Ordinal));
}
