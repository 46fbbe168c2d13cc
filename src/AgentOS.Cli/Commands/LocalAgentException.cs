namespace AgentOS.Cli.Commands;

/// <summary>A problem the user can fix before a run starts; the message is the one line to print.</summary>
internal sealed class LocalAgentException : Exception
{
    public LocalAgentException()
    {
    }

    public LocalAgentException(string message)
        : base(message)
    {
    }

    public LocalAgentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
