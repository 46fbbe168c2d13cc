namespace AgentOS.Daemon.Store;

/// <summary>How a task's run ended.</summary>
/// <param name="Answer">The final answer, when there is one.</param>
/// <param name="Error">What went wrong, when the task failed; otherwise null.</param>
/// <param name="Stats">Per-run statistics as a JSON document (tokens, steps, milliseconds), or null.</param>
public sealed record TaskResultRecord(string? Answer, string? Error, string? Stats);
