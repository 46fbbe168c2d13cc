namespace AgentOS.Native;

/// <summary>A native llama.cpp call failed in a way the caller cannot fix by changing its input.</summary>
public sealed class LlamaNativeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlamaNativeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LlamaNativeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public LlamaNativeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
