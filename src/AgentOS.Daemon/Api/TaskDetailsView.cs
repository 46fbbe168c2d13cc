using System.Text.Json;

namespace AgentOS.Daemon.Api;

/// <summary>One task in full (<c>GET /v1/tasks/ID</c>): the task, its result and its transcript.</summary>
/// <param name="Task">The task.</param>
/// <param name="Answer">The final answer, when it has one.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Stats">Run statistics, when it ran to an end.</param>
/// <param name="Transcript">The latest transcript (JSON as the kernel wrote it), when there is one.</param>
/// <param name="Events">How many events it has.</param>
public sealed record TaskDetailsView(
    TaskView Task,
    string? Answer,
    string? Error,
    JsonElement? Stats,
    JsonElement? Transcript,
    int Events);
