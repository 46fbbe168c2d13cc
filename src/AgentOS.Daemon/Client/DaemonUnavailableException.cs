namespace AgentOS.Daemon.Client;

/// <summary>No daemon answers on the socket (or address) the client was given.</summary>
public sealed class DaemonUnavailableException : Exception
{
    /// <summary>Creates the exception for a daemon expected at <paramref name="endpoint"/>.</summary>
    public DaemonUnavailableException(string endpoint, Exception? innerException = null)
        : base($"No AgentOS daemon is running at {endpoint}. Start one with: agentos daemon" , innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>Creates the exception with no details; prefer the overload that names the endpoint.</summary>
    public DaemonUnavailableException()
        : base("No AgentOS daemon is running. Start one with: agentos daemon")
    {
        Endpoint = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public DaemonUnavailableException(string message, string endpoint)
        : base(message)
    {
        Endpoint = endpoint;
    }

    /// <summary>The socket path or URL that was tried.</summary>
    public string Endpoint { get; }
}
