namespace AgentOS.Train.Model;

/// <summary>Thrown when the loss or the gradients stop being finite numbers.</summary>
internal sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="innerException"/>.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
