namespace AgentOS.Daemon.Hosting;

/// <summary>The daemon cannot start; the message is one sentence for the user saying why and what to do.</summary>
public sealed class DaemonStartupException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public DaemonStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the underlying error.</summary>
    public DaemonStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the overloads that explain.</summary>
    public DaemonStartupException()
        : base("The daemon cannot start.")
    {
    }
}
