namespace AgentOS.Daemon.Api;

/// <summary>The body of <c>POST /v1/tasks</c>.</summary>
public sealed record SubmitTaskRequest
{
    /// <summary>The task in the user's words (required).</summary>
    public string? Text { get; init; }

    /// <summary>Higher runs first; default 0.</summary>
    public int? Priority { get; init; }

    /// <summary>Tools the task may use; null or absent allows every tool.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>Capabilities granted to the task's tools; default none.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }

    /// <summary>Most model turns; default the daemon's.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Most generated tokens; default the daemon's.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Wall-clock limit in seconds; default the daemon's.</summary>
    public double? TimeoutSeconds { get; init; }
}
