using System.Globalization;
using System.Numerics;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// An exact rational number: a <see cref="BigInteger"/> numerator over a positive denominator, always in
/// lowest terms, so equal values have equal representations.
/// </summary>
internal readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>
{
    public static readonly BigRational Zero = new(BigInteger.Zero, BigInteger.One);
    public static readonly BigRational One = new(BigInteger.One, BigInteger.One);

    private readonly BigInteger _denominator;

    // Callers pass a pair already in lowest terms with a positive denominator; Create normalizes any other.
    private BigRational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    public BigInteger Numerator { get; }

    // default(BigRational) has a zero denominator field; it reads as 0/1.
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public bool IsZero => Numerator.IsZero;

    public bool IsInteger => Denominator.IsOne;

    public int Sign => Numerator.Sign;

    /// <summary>Bits of the larger of numerator and denominator: the size limits are checked on this.</summary>
    public long BitLength => Math.Max(BigInteger.Abs(Numerator).GetBitLength(), Denominator.GetBitLength());

    public static BigRational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!divisor.IsOne && !divisor.IsZero)
        {
            numerator /= divisor;
            denominator /= divisor;
        }

        return new BigRational(numerator, numerator.IsZero ? BigInteger.One : denominator);
    }

    public static BigRational FromInteger(BigInteger value) => new(value, BigInteger.One);

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    public static BigRational FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Only finite doubles have a rational value.");
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        var numerator = new BigInteger(negative ? -mantissa : mantissa);
        return exponent >= 0
            ? FromInteger(numerator << exponent)
            : Create(numerator, BigInteger.One << -exponent);
    }

    public static BigRational operator +(BigRational a, BigRational b) =>
        a.Denominator == b.Denominator
            ? Create(a.Numerator + b.Numerator, a.Denominator)
            : Create((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static BigRational operator -(BigRational a, BigRational b) => a + (-b);

    public static BigRational operator -(BigRational a) => new(-a.Numerator, a.Denominator);

    public static BigRational operator *(BigRational a, BigRational b) =>
        Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static BigRational operator /(BigRational a, BigRational b) =>
        b.IsZero ? throw new DivideByZeroException() : Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);

    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);

    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;

    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    public BigRational Abs() => Sign < 0 ? -this : this;

    /// <summary>This value to a non-negative integer power (the caller bounds the size first).</summary>
    public BigRational Pow(int exponent) =>
        new(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));

    public BigInteger Floor() => BigInteger.DivRem(Numerator, Denominator) is var (quotient, remainder) && remainder.Sign < 0
        ? quotient - 1
        : quotient;

    public BigInteger Ceiling() => -(-this).Floor();

    /// <summary>The nearest integer; halves round away from zero (2.5 → 3, -2.5 → -3).</summary>
    public BigInteger RoundHalfAwayFromZero()
    {
        var twice = (BigInteger.Abs(Numerator) * 2) + Denominator;
        var magnitude = twice / (Denominator * 2);
        return Sign < 0 ? -magnitude : magnitude;
    }

    /// <summary>The nearest double; correct for values far outside double's range as well (they become ±∞ or 0).</summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        // Scale so that the integer quotient carries 64 significant bits, then undo the scale exactly.
        var shift = 64 - (BigInteger.Abs(Numerator).GetBitLength() - Denominator.GetBitLength());
        var scaled = shift >= 0
            ? (Numerator << (int)Math.Min(shift, int.MaxValue)) / Denominator
            : Numerator / (Denominator << (int)Math.Min(-shift, int.MaxValue));
        return Math.ScaleB((double)scaled, (int)Math.Clamp(-shift, int.MinValue, int.MaxValue));
    }

    public bool Equals(BigRational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is BigRational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(BigRational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public override string ToString() => IsInteger
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
