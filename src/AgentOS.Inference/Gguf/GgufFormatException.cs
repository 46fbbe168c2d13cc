namespace AgentOS.Inference.Gguf;

/// <summary>
/// A file (or stream) is not a usable GGUF: missing, unreadable, empty, truncated, not GGUF at all, or
/// internally inconsistent. The message is one line that names the file and what is wrong with it, fit
/// to show a user as it is.
/// </summary>
public sealed class GgufFormatException : IOException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public GgufFormatException()
        : base("The data is not a valid GGUF file.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GgufFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
