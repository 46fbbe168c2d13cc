namespace AgentOS.Daemon.Hosting;

/// <summary>What the daemon does with tasks whose run was cut short by a stop or a crash.</summary>
public enum RecoveryMode
{
    /// <summary>Mark them interrupted, keeping the partial transcript (the default).</summary>
    Interrupt,

    /// <summary>Queue them again; the new run starts from the saved transcript.</summary>
    Resume,
}
