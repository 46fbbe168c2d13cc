using AgentOS.Abstractions;

namespace AgentOS.Tools.Calculator;

/// <summary>Builds the calculator's errors, all of the form <c>at N: message</c> with N the 1-based character position.</summary>
internal static class CalculatorError
{
    /// <summary>The input is wrong: a syntax error, an unknown name, a value outside a function's domain.</summary>
    public static ToolException At(int position, string message) => new(ToolErrorCode.ExecutionError, $"at {position}: {message}");

    /// <summary>A bound against denial of service was reached.</summary>
    public static ToolException Limit(int position, string message) => new(ToolErrorCode.LimitExceeded, $"at {position}: {message}");
}
