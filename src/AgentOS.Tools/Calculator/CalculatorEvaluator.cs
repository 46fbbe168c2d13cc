using System.Globalization;
using System.Numerics;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// Evaluates a parsed expression. Exact operands give exact results (big rationals); once an operand is
/// approximate the operation is done in double precision. Every exact result is checked against
/// <see cref="CalculatorOptions.MaxResultDigits"/>, and a power is checked before it is computed.
/// </summary>
/// <remarks>
/// Percentages: <c>x%</c> is x/100 everywhere, except as the right operand of <c>+</c> or <c>-</c>, where it is
/// relative to the left side, as on a desk calculator: <c>200 + 10%</c> is 220, <c>200 - 10%</c> is 180.
/// <c>15% of 80</c> is 12 (<c>of</c> multiplies). A parenthesized percentage is a plain number: <c>200 + (10%)</c> is 200.1.
/// </remarks>
internal sealed class CalculatorEvaluator(CalculatorOptions options)
{
    private static readonly double Log2Of10 = Math.Log2(10);

    // Largest exponent tried for an exact root (8^(1/3) = 2); beyond it, a rational power is computed in double.
    private const int MaxExactRootDegree = 64;

    private readonly long _maxResultBits = (long)Math.Ceiling(options.MaxResultDigits * Log2Of10);

    public CalcNumber Evaluate(CalcNode node) => node switch
    {
        NumberNode number => Checked(number.Value, number.Position),
        ConstantNode constant => CalculatorFunctions.Constant(constant.Name),
        GroupNode group => Evaluate(group.Inner),
        NegateNode negate => Negate(Evaluate(negate.Operand)),
        PercentNode percent => Divide(Evaluate(percent.Operand), CalcNumber.Exact(BigRational.FromInteger(100)), percent.Position),
        PowerNode power => Power(Evaluate(power.Base), Evaluate(power.Exponent), power.Position),
        CallNode call => CalculatorFunctions.Call(call.Function, call.Position, call.Arguments.Select(Evaluate).ToList()),
        ChainNode chain => EvaluateChain(chain),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "Unknown node."),
    };

    private CalcNumber EvaluateChain(ChainNode chain)
    {
        var result = Evaluate(chain.First);
        foreach (var link in chain.Links)
        {
            if (link.Operator is ChainOperator.Add or ChainOperator.Subtract && link.Operand is PercentNode percent)
            {
                // 200 + 10% = 200 * (1 + 10/100)
                var fraction = Divide(Evaluate(percent.Operand), CalcNumber.Exact(BigRational.FromInteger(100)), percent.Position);
                var factor = Add(CalcNumber.Exact(BigRational.One), link.Operator == ChainOperator.Add ? fraction : Negate(fraction), link.Position);
                result = Multiply(result, factor, link.Position);
                continue;
            }

            var operand = Evaluate(link.Operand);
            result = link.Operator switch
            {
                ChainOperator.Add => Add(result, operand, link.Position),
                ChainOperator.Subtract => Add(result, Negate(operand), link.Position),
                ChainOperator.Multiply or ChainOperator.Of => Multiply(result, operand, link.Position),
                ChainOperator.Divide => Divide(result, operand, link.Position),
                _ => throw new ArgumentOutOfRangeException(nameof(chain), link.Operator, "Unknown operator."),
            };
        }

        return result;
    }

    private CalcNumber Add(CalcNumber a, CalcNumber b, int position) =>
        a.IsExact && b.IsExact
            ? Checked(a.ExactValue + b.ExactValue, position)
            : CalculatorFunctions.Finite(a.ToDouble() + b.ToDouble(), position, "'+'");

    private CalcNumber Multiply(CalcNumber a, CalcNumber b, int position) =>
        a.IsExact && b.IsExact
            ? Checked(a.ExactValue * b.ExactValue, position)
            : CalculatorFunctions.Finite(a.ToDouble() * b.ToDouble(), position, "'*'");

    private CalcNumber Divide(CalcNumber a, CalcNumber b, int position)
    {
        if (CalculatorFunctions.Sign(b) == 0)
        {
            throw CalculatorError.At(position, "division by zero");
        }

        return a.IsExact && b.IsExact
            ? Checked(a.ExactValue / b.ExactValue, position)
            : CalculatorFunctions.Finite(a.ToDouble() / b.ToDouble(), position, "'/'");
    }

    private static CalcNumber Negate(CalcNumber a) =>
        a.IsExact ? CalcNumber.Exact(-a.ExactValue) : CalcNumber.Approximate(-a.ToDouble());

    private CalcNumber Power(CalcNumber @base, CalcNumber exponent, int position)
    {
        if (exponent.IsExact && exponent.ExactValue.IsInteger)
        {
            return IntegerPower(@base, exponent.ExactValue.Numerator, position);
        }

        if (CalculatorFunctions.Sign(@base) < 0 && !(exponent.IsExact && !exponent.ExactValue.Denominator.IsEven))
        {
            throw CalculatorError.At(position, $"a negative number to the power {CalculatorFunctions.Describe(exponent)} is not a real number");
        }

        // A rational power of an exact base is exact when the root is: 8^(1/3) = 2, (4/9)^1.5 = 8/27.
        if (@base.IsExact && exponent.IsExact && exponent.ExactValue.Denominator <= MaxExactRootDegree)
        {
            var degree = (int)exponent.ExactValue.Denominator;
            var value = @base.ExactValue;
            if (CalculatorFunctions.TryExactRoot(BigInteger.Abs(value.Numerator), degree, out var top)
                && CalculatorFunctions.TryExactRoot(value.Denominator, degree, out var bottom))
            {
                var root = BigRational.Create(value.Sign < 0 ? -top : top, bottom);
                return IntegerPower(CalcNumber.Exact(root), exponent.ExactValue.Numerator, position);
            }
        }

        var magnitude = Math.Pow(Math.Abs(@base.ToDouble()), exponent.ToDouble());
        return CalculatorFunctions.Finite(CalculatorFunctions.Sign(@base) < 0 ? -magnitude : magnitude, position, "'^'");
    }

    private CalcNumber IntegerPower(CalcNumber @base, BigInteger exponent, int position)
    {
        if (!@base.IsExact)
        {
            return CalculatorFunctions.Finite(Math.Pow(@base.ToDouble(), (double)exponent), position, "'^'");
        }

        var value = @base.ExactValue;
        if (value.IsZero)
        {
            return exponent.Sign < 0
                ? throw CalculatorError.At(position, "division by zero (0 to a negative power)")
                : CalcNumber.Exact(exponent.IsZero ? BigRational.One : BigRational.Zero);
        }

        if (value.Abs() == BigRational.One)
        {
            return CalcNumber.Exact(value.Sign < 0 && !exponent.IsEven ? -BigRational.One : BigRational.One);
        }

        // Size before work: |p/q|^n has about n * log2(max(|p|, q)) bits. Past the exact bound the power is
        // done in double precision (1.0001^3650 is a fair question); only a result beyond double's range is
        // refused. 9^9^9 stops here, not inside BigInteger.Pow.
        var magnitude = BigInteger.Abs(exponent);
        var bitsPerFactor = Math.Max(BigInteger.Log(BigInteger.Abs(value.Numerator), 2), BigInteger.Log(value.Denominator, 2));
        var bits = (double)magnitude * bitsPerFactor;
        if (magnitude > int.MaxValue || bits > _maxResultBits)
        {
            var approximate = Math.Pow(value.ToDouble(), (double)exponent);
            if (double.IsFinite(approximate) && approximate != 0)
            {
                return CalcNumber.Approximate(approximate);
            }

            var digits = Math.Floor(bits / Log2Of10) + 1;
            var shown = digits < 1e15
                ? digits.ToString("N0", CultureInfo.InvariantCulture)
                : digits.ToString("0.###e+0", CultureInfo.InvariantCulture);
            throw CalculatorError.Limit(position, $"the result of this power would have about {shown} digits; the limit is {options.MaxResultDigits}");
        }

        var power = value.Pow((int)magnitude);
        return Checked(exponent.Sign < 0 ? BigRational.One / power : power, position);
    }

    private CalcNumber Checked(BigRational value, int position)
    {
        if (value.BitLength > _maxResultBits)
        {
            throw CalculatorError.Limit(position, $"the result has more than {options.MaxResultDigits} digits");
        }

        return CalcNumber.Exact(value);
    }
}
