using System.Net;

namespace AgentOS.Daemon.Client;

/// <summary>The daemon answered with an error; the message is the daemon's own sentence.</summary>
public sealed class DaemonApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DaemonApiException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates the exception with no details; prefer the overload with the status.</summary>
    public DaemonApiException()
        : base("The daemon answered with an error.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DaemonApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public DaemonApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the daemon answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
