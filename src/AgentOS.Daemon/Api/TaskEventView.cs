using System.Text.Json;

namespace AgentOS.Daemon.Api;

/// <summary>One event of a task, as the event stream sends it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Sequence">1, 2, 3, … within the task.</param>
/// <param name="Kind">state, thought, tool_call, tool_result, answer, error, …</param>
/// <param name="Data">The payload.</param>
/// <param name="CreatedAt">When it happened.</param>
public sealed record TaskEventView(long TaskId, long Sequence, string Kind, JsonElement Data, DateTimeOffset CreatedAt);
