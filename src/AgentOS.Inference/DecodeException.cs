using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>llama.cpp could not decode a batch; <see cref="Result"/> says why. The sequences keep the tokens decoded before the failure.</summary>
public sealed class DecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DecodeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DecodeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DecodeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a decode return code.</summary>
    public DecodeException(DecodeResult result, string message) : base(message)
    {
        Result = result;
    }

    /// <summary>The decode's return code (<see cref="DecodeResult.NoKvSlot"/> when the context is full).</summary>
    public DecodeResult Result { get; }
}
