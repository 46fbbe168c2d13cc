namespace AgentOS.Daemon.Store;

/// <summary>One stored event of a task, in the order the run produced them.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Sequence">1, 2, 3, … within the task; never reused.</param>
/// <param name="Kind">What happened (<c>state</c>, <c>thought</c>, <c>tool_call</c>, <c>tool_result</c>, <c>answer</c>, <c>error</c>, …).</param>
/// <param name="Data">The event's payload as a JSON document.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record TaskEventRecord(long TaskId, long Sequence, string Kind, string Data, DateTimeOffset CreatedAt);
