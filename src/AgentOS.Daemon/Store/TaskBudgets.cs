namespace AgentOS.Daemon.Store;

/// <summary>Limits of one task's run. A null limit means the daemon's default applies.</summary>
/// <param name="MaxSteps">Most model turns (each tool round trip is one step).</param>
/// <param name="MaxTokens">Most tokens the model may generate over the whole run.</param>
/// <param name="Timeout">Wall-clock limit of the run.</param>
public sealed record TaskBudgets(int? MaxSteps = null, int? MaxTokens = null, TimeSpan? Timeout = null)
{
    /// <summary>No limit given: the daemon's defaults apply.</summary>
    public static TaskBudgets Default { get; } = new();
}
