namespace AgentOS.Daemon.Store;

/// <summary>
/// The task database cannot be used: corrupted, locked by another process, written by a newer
/// AgentOS, not an AgentOS database, or not accessible. The message says which and what to do.
/// </summary>
public sealed class TaskStoreException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public TaskStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying error.</summary>
    public TaskStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the overloads that explain.</summary>
    public TaskStoreException()
        : base("The task database cannot be used.")
    {
    }
}
