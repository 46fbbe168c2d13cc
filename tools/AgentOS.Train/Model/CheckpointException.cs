namespace AgentOS.Train.Model;

/// <summary>A checkpoint that cannot be resumed: missing, damaged, or from another model, options or data.</summary>
internal sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception with a message saying what is wrong.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public CheckpointException()
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
