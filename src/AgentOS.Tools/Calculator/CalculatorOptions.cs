namespace AgentOS.Tools.Calculator;

/// <summary>
/// The calculator's bounds against denial of service. Every bound is checked before the work it guards,
/// and breaking one is an error that names the position in the expression.
/// </summary>
public sealed class CalculatorOptions
{
    /// <summary>Longest expression accepted, in characters. Default 2000.</summary>
    public int MaxExpressionLength { get; set; } = 2000;

    /// <summary>
    /// Deepest nesting of parentheses, function calls, unary signs and powers. Default 100. The parser is
    /// recursive; it refuses to go deeper than this, so no input can exhaust the stack.
    /// </summary>
    public int MaxNestingDepth { get; set; } = 100;

    /// <summary>Most digits in one number literal. Default 500.</summary>
    public int MaxLiteralDigits { get; set; } = 500;

    /// <summary>
    /// Most decimal digits in the numerator or denominator of any exact intermediate or final value, and in a
    /// printed exact decimal. Default 10000. A power whose result would be larger is refused before it is computed.
    /// </summary>
    public int MaxResultDigits { get; set; } = 10_000;

    /// <summary>Significant digits of a non-terminating exact result (1/3). Default 20.</summary>
    public int RoundedDigits { get; set; } = 20;

    /// <summary>Significant digits of an approximate (floating-point) result. Default 15, what a double holds reliably.</summary>
    public int ApproximateDigits { get; set; } = 15;

    /// <summary>Throws when a bound is out of its range (every bound must be at least 1; digits at most 1000000).</summary>
    public void Validate()
    {
        Check(MaxExpressionLength, nameof(MaxExpressionLength));
        Check(MaxNestingDepth, nameof(MaxNestingDepth));
        Check(MaxLiteralDigits, nameof(MaxLiteralDigits));
        Check(MaxResultDigits, nameof(MaxResultDigits));
        Check(RoundedDigits, nameof(RoundedDigits));
        Check(ApproximateDigits, nameof(ApproximateDigits));
        if (ApproximateDigits > 17)
        {
            throw new ArgumentOutOfRangeException(nameof(ApproximateDigits), ApproximateDigits, "A double holds at most 17 significant digits.");
        }
    }

    private static void Check(int value, string name)
    {
        if (value is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 1 and 1000000.");
        }
    }
}
