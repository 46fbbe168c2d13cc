namespace AgentOS.Abstractions;

/// <summary>
/// Thrown inside a <see cref="Tool{TArgs}"/> to fail the call with a specific code; the base class turns it
/// into <see cref="ToolResult.Fail(ToolErrorCode, string)"/>, so it never reaches the kernel.
/// </summary>
public sealed class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The kind of failure.</param>
    /// <param name="message">One clear sentence for the model, naming what was wrong and where.</param>
    public ToolException(ToolErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates an <see cref="ToolErrorCode.InternalError"/> exception.</summary>
    public ToolException()
        : this(ToolErrorCode.InternalError, "the tool failed")
    {
    }

    /// <summary>Creates an <see cref="ToolErrorCode.InternalError"/> exception with a message.</summary>
    public ToolException(string message)
        : this(ToolErrorCode.InternalError, message)
    {
    }

    /// <summary>Creates an <see cref="ToolErrorCode.InternalError"/> exception with a message and a cause.</summary>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ToolErrorCode.InternalError;
    }

    /// <summary>The kind of failure the call reports.</summary>
    public ToolErrorCode Code { get; }
}
