namespace AgentOS.Daemon.Store;

/// <summary>What a client asks for when it submits a task.</summary>
/// <param name="Text">The task in the user's words.</param>
/// <param name="Priority">Higher runs first among queued tasks; 0 is normal.</param>
/// <param name="Tools">Names of the tools the task may use; null allows every registered tool.</param>
/// <param name="Capabilities">Capabilities granted to the task's tools (see <c>ToolCapabilities</c>).</param>
/// <param name="Budgets">Limits of the run.</param>
public sealed record TaskSubmission(
    string Text,
    int Priority,
    IReadOnlyList<string>? Tools,
    IReadOnlyList<string> Capabilities,
    TaskBudgets Budgets)
{
    /// <summary>A task with normal priority, every tool, no capability and default budgets.</summary>
    public TaskSubmission(string text)
        : this(text, 0, null, [], TaskBudgets.Default)
    {
    }
}
