namespace AgentOS.Inference;

/// <summary>
/// A model file could not be loaded: missing, unreadable, not a GGUF, truncated, or refused by llama.cpp.
/// The message is one line that names the file and says what is wrong with it.
/// </summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelLoadException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ModelLoadException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="modelPath"/>.</summary>
    public ModelLoadException(string modelPath, string message, Exception? innerException = null) : base(message, innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>The file that failed to load, when known.</summary>
    public string? ModelPath { get; }
}
