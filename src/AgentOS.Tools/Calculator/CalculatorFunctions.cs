using System.Numerics;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// The calculator's functions and constants. Exact where the answer is rational (abs, floor, ceil, round,
/// min, max, sqrt of a perfect square, log of a power of ten, exp/sin/cos/tan of 0, ln/log of 1); otherwise
/// computed in double precision and marked approximate. Angles are in radians.
/// </summary>
internal static class CalculatorFunctions
{
    public const string KnownNames = "sqrt, abs, round, floor, ceil, min, max, ln, log, exp, sin, cos, tan, pi, e";

    // Below this, a sine, cosine or tangent is floating-point noise around a multiple of pi (sin(pi) is 1.2e-16).
    private const double TrigNoise = 1e-15;

    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["sqrt"] = (1, 1),
        ["abs"] = (1, 1),
        ["round"] = (1, 2),
        ["floor"] = (1, 1),
        ["ceil"] = (1, 1),
        ["min"] = (1, int.MaxValue),
        ["max"] = (1, int.MaxValue),
        ["ln"] = (1, 1),
        ["log"] = (1, 2),
        ["exp"] = (1, 1),
        ["sin"] = (1, 1),
        ["cos"] = (1, 1),
        ["tan"] = (1, 1),
    };

    public static bool IsConstant(string name) => name is "pi" or "e";

    public static bool IsFunction(string name) => Arity.ContainsKey(name);

    public static CalcNumber Constant(string name) => CalcNumber.Approximate(name == "pi" ? Math.PI : Math.E);

    public static void CheckArity(string name, int position, int count)
    {
        var (min, max) = Arity[name];
        if (count < min || count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} or {max}";
            var noun = (max == int.MaxValue ? min : max) == 1 ? "argument" : "arguments";
            throw CalculatorError.At(position, $"{name} takes {expected} {noun}, got {count}");
        }
    }

    public static CalcNumber Call(string name, int position, IReadOnlyList<CalcNumber> arguments) => name switch
    {
        "sqrt" => Sqrt(arguments[0], position),
        "abs" => arguments[0].IsExact ? CalcNumber.Exact(arguments[0].ExactValue.Abs()) : CalcNumber.Approximate(Math.Abs(arguments[0].ToDouble())),
        "floor" => arguments[0].IsExact ? CalcNumber.Exact(BigRational.FromInteger(arguments[0].ExactValue.Floor())) : CalcNumber.Approximate(Math.Floor(arguments[0].ToDouble())),
        "ceil" => arguments[0].IsExact ? CalcNumber.Exact(BigRational.FromInteger(arguments[0].ExactValue.Ceiling())) : CalcNumber.Approximate(Math.Ceiling(arguments[0].ToDouble())),
        "round" => Round(arguments, position),
        "min" => Extreme(arguments, pickLarger: false),
        "max" => Extreme(arguments, pickLarger: true),
        "ln" => Ln(arguments[0], position, "ln"),
        "log" => Log(arguments, position),
        "exp" => Exp(arguments[0], position),
        "sin" => Trig(arguments[0], position, Math.Sin, "sin", zeroAt0: true),
        "cos" => Trig(arguments[0], position, Math.Cos, "cos", zeroAt0: false),
        "tan" => Trig(arguments[0], position, Math.Tan, "tan", zeroAt0: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown function."),
    };

    /// <summary>The exact integer q-th root of a non-negative integer, when there is one.</summary>
    public static bool TryExactRoot(BigInteger value, int degree, out BigInteger root)
    {
        root = value;
        if (value.Sign <= 0 || value.IsOne || degree == 1)
        {
            return value.Sign >= 0;
        }

        // Newton's method from above: start at a power of two no smaller than the root, descend to the floor.
        var x = BigInteger.One << (int)((value.GetBitLength() + degree - 1) / degree);
        while (true)
        {
            var next = (((degree - 1) * x) + (value / BigInteger.Pow(x, degree - 1))) / degree;
            if (next >= x)
            {
                break;
            }

            x = next;
        }

        root = x;
        return BigInteger.Pow(x, degree) == value;
    }

    private static CalcNumber Sqrt(CalcNumber x, int position)
    {
        if (Sign(x) < 0)
        {
            throw CalculatorError.At(position, $"sqrt of a negative number ({Describe(x)}) is not a real number");
        }

        if (x.IsExact && TryExactRoot(x.ExactValue.Numerator, 2, out var top) && TryExactRoot(x.ExactValue.Denominator, 2, out var bottom))
        {
            return CalcNumber.Exact(BigRational.Create(top, bottom));
        }

        return Finite(Math.Sqrt(x.ToDouble()), position, "sqrt");
    }

    private static CalcNumber Round(IReadOnlyList<CalcNumber> arguments, int position)
    {
        var digits = 0;
        if (arguments.Count == 2)
        {
            var places = arguments[1];
            if (!places.IsExact || !places.ExactValue.IsInteger || BigInteger.Abs(places.ExactValue.Numerator) > 100)
            {
                throw CalculatorError.At(position, $"round's second argument is the number of decimal places: a whole number from -100 to 100, got {Describe(places)}");
            }

            digits = (int)places.ExactValue.Numerator;
        }

        var x = arguments[0];
        var value = x.IsExact ? x.ExactValue : BigRational.FromDouble(x.ToDouble());
        var scale = BigRational.FromInteger(BigInteger.Pow(10, Math.Abs(digits)));
        var rounded = digits >= 0
            ? BigRational.FromInteger((value * scale).RoundHalfAwayFromZero()) / scale
            : BigRational.FromInteger((value / scale).RoundHalfAwayFromZero()) * scale;
        return x.IsExact ? CalcNumber.Exact(rounded) : CalcNumber.Approximate(rounded.ToDouble());
    }

    private static CalcNumber Extreme(IReadOnlyList<CalcNumber> arguments, bool pickLarger)
    {
        var best = arguments[0];
        foreach (var candidate in arguments.Skip(1))
        {
            var comparison = candidate.IsExact && best.IsExact
                ? candidate.ExactValue.CompareTo(best.ExactValue)
                : candidate.ToDouble().CompareTo(best.ToDouble());
            if (pickLarger ? comparison > 0 : comparison < 0)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static CalcNumber Ln(CalcNumber x, int position, string name)
    {
        if (Sign(x) <= 0)
        {
            throw CalculatorError.At(position, $"{name} is only defined for positive numbers, got {Describe(x)}");
        }

        if (x.IsExact)
        {
            // BigInteger.Log works past double's range, so ln(10^5000) is fine.
            return x.ExactValue.IsInteger && x.ExactValue.Numerator.IsOne
                ? CalcNumber.Exact(BigRational.Zero)
                : CalcNumber.Approximate(BigInteger.Log(x.ExactValue.Numerator) - BigInteger.Log(x.ExactValue.Denominator));
        }

        return Finite(Math.Log(x.ToDouble()), position, name);
    }

    private static CalcNumber Log(IReadOnlyList<CalcNumber> arguments, int position)
    {
        var x = arguments[0];
        if (arguments.Count == 1)
        {
            if (Sign(x) <= 0)
            {
                throw CalculatorError.At(position, $"log is only defined for positive numbers, got {Describe(x)}");
            }

            if (x.IsExact && TryPowerOfTen(x.ExactValue, out var power))
            {
                return CalcNumber.Exact(BigRational.FromInteger(power));
            }

            return CalcNumber.Approximate(Ln(x, position, "log").ToDouble() / Math.Log(10));
        }

        var @base = arguments[1];
        if (Sign(@base) <= 0 || (@base.IsExact && @base.ExactValue == BigRational.One) || (!@base.IsExact && @base.ToDouble() == 1))
        {
            throw CalculatorError.At(position, $"the base of log must be positive and not 1, got {Describe(@base)}");
        }

        var numerator = Ln(x, position, "log");
        return numerator.IsExact && numerator.ExactValue.IsZero
            ? numerator
            : Finite(numerator.ToDouble() / Ln(@base, position, "log").ToDouble(), position, "log");
    }

    private static bool TryPowerOfTen(BigRational value, out BigInteger power)
    {
        power = 0;
        var (whole, negative) = value.IsInteger ? (value.Numerator, false) : value.Numerator.IsOne ? (value.Denominator, true) : (BigInteger.Zero, false);
        if (whole.Sign <= 0)
        {
            return false;
        }

        var text = whole.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (text[0] != '1' || text.AsSpan(1).ContainsAnyExcept('0'))
        {
            return false;
        }

        power = negative ? -(text.Length - 1) : text.Length - 1;
        return true;
    }

    private static CalcNumber Exp(CalcNumber x, int position) =>
        x.IsExact && x.ExactValue.IsZero ? CalcNumber.Exact(BigRational.One) : Finite(Math.Exp(x.ToDouble()), position, "exp");

    private static CalcNumber Trig(CalcNumber x, int position, Func<double, double> function, string name, bool zeroAt0)
    {
        if (x.IsExact && x.ExactValue.IsZero)
        {
            return CalcNumber.Exact(zeroAt0 ? BigRational.Zero : BigRational.One);
        }

        var result = function(x.ToDouble());
        return Finite(Math.Abs(result) < TrigNoise ? 0 : result, position, name);
    }

    /// <summary>An approximate result, or an error when it is not a finite real number.</summary>
    public static CalcNumber Finite(double value, int position, string what)
    {
        if (double.IsNaN(value))
        {
            throw CalculatorError.At(position, $"{what} has no real result here");
        }

        if (double.IsInfinity(value))
        {
            throw CalculatorError.Limit(position, $"the result of {what} is too large for floating point (beyond ±1.8e308)");
        }

        return CalcNumber.Approximate(value);
    }

    public static int Sign(CalcNumber x) => x.IsExact ? x.ExactValue.Sign : Math.Sign(x.ToDouble());

    public static string Describe(CalcNumber x)
    {
        var text = x.IsExact ? x.ExactValue.ToString() : x.ToDouble().ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        return text.Length <= 30 ? text : text[..27] + "...";
    }
}
