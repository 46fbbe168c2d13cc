namespace AgentOS.Daemon.Api;

/// <summary>The daemon's state (<c>GET /v1/health</c>).</summary>
/// <param name="Status"><c>ok</c> when the daemon serves.</param>
/// <param name="Version">AgentOS version.</param>
/// <param name="ProcessId">The daemon's process id.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Model">The model it runs, or null when none is loaded.</param>
/// <param name="Concurrency">How many tasks run at once at most.</param>
/// <param name="Running">Ids of the tasks running now.</param>
/// <param name="Tasks">How many tasks are in each state.</param>
/// <param name="DataDirectory">Its data folder.</param>
public sealed record HealthView(
    string Status,
    string Version,
    int ProcessId,
    DateTimeOffset StartedAt,
    string? Model,
    int Concurrency,
    IReadOnlyList<long> Running,
    IReadOnlyDictionary<string, int> Tasks,
    string DataDirectory);
