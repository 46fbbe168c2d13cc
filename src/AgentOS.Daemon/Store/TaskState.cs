namespace AgentOS.Daemon.Store;

/// <summary>Where a task is in its life. Stored in lowercase in the database and in the API.</summary>
public enum TaskState
{
    /// <summary>Accepted and waiting for a free run slot.</summary>
    Queued,

    /// <summary>A run is working on it.</summary>
    Running,

    /// <summary>The run ended with an answer.</summary>
    Completed,

    /// <summary>The run ended with an error (a budget ran out, the model or a tool failed).</summary>
    Failed,

    /// <summary>Someone cancelled it.</summary>
    Cancelled,

    /// <summary>The daemon stopped or died while it ran; its partial transcript is kept.</summary>
    Interrupted,
}
