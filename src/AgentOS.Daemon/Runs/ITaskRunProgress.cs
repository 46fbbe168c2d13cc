namespace AgentOS.Daemon.Runs;

/// <summary>Where a running task reports what happens; each report is stored before the call returns.</summary>
public interface ITaskRunProgress
{
    /// <summary>Records an event (<c>thought</c>, <c>tool_call</c>, <c>tool_result</c>, <c>answer</c>, <c>error</c>, …).</summary>
    /// <param name="kind">A short lowercase word.</param>
    /// <param name="data">The payload: any object that serializes to a JSON object.</param>
    void Report(string kind, object data);

    /// <summary>Stores the run's transcript so far (JSON), replacing the previous checkpoint.</summary>
    void Checkpoint(string transcript);
}
