namespace AgentOS.Tools.Calculator;

/// <summary>
/// A calculator value: exact (a <see cref="BigRational"/>) as long as only exact operations produced it,
/// approximate (a double) once an irrational function, a constant such as pi, or an irrational power was
/// involved. Approximate values are printed with fewer digits, so an answer never claims more precision than it has.
/// </summary>
internal readonly struct CalcNumber
{
    private readonly BigRational _exact;
    private readonly double _approximate;

    private CalcNumber(BigRational exact, double approximate, bool isExact)
    {
        _exact = exact;
        _approximate = approximate;
        IsExact = isExact;
    }

    public bool IsExact { get; }

    /// <summary>The exact value; only valid when <see cref="IsExact"/>.</summary>
    public BigRational ExactValue => IsExact ? _exact : throw new InvalidOperationException("The value is approximate.");

    public static CalcNumber Exact(BigRational value) => new(value, 0, isExact: true);

    public static CalcNumber Approximate(double value) => new(default, value, isExact: false);

    public double ToDouble() => IsExact ? _exact.ToDouble() : _approximate;
}
