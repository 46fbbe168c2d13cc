namespace AgentOS.Kernel.Evaluation;

/// <summary>One held-out task and what a correct run does.</summary>
/// <param name="Id">The task's id (e.g. <c>heldout-000042</c>).</param>
/// <param name="Family">The task family (<c>calculator</c>, <c>js</c>, <c>retrieval</c>, …).</param>
/// <param name="Task">The user's message.</param>
/// <param name="ExpectedTools">The tools a correct run calls, in order (empty when the task needs none).</param>
/// <param name="AnswerContains">Strings the final answer must contain (compared ordinally).</param>
public sealed record EvalTask(string Id, string Family, string Task, IReadOnlyList<string> ExpectedTools, IReadOnlyList<string> AnswerContains)
{
    /// <summary>The tool the first call should name, or null when the task needs no tool.</summary>
    public string? ExpectedFirstTool => ExpectedTools.Count > 0 ? ExpectedTools[0] : null;
}
