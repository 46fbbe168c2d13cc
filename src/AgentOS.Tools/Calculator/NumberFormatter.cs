using System.Globalization;
using System.Numerics;
using System.Text;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// Prints calculator results. An exact value whose decimal expansion ends is printed in full (0.125,
/// 2^100); one that repeats (1/3) is rounded to <see cref="CalculatorOptions.RoundedDigits"/> significant digits;
/// an approximate value to <see cref="CalculatorOptions.ApproximateDigits"/>. Rounding is half away from zero.
/// Rounded values use scientific notation (3.3333333333333333333e+29) when their exponent is below -7 or above 20,
/// the same range JavaScript prints plainly.
/// </summary>
internal static class NumberFormatter
{
    public static string Format(CalcNumber number, CalculatorOptions options)
    {
        if (!number.IsExact)
        {
            var value = number.ToDouble();
            return value == 0 ? "0" : Rounded(BigRational.FromDouble(value), options.ApproximateDigits);
        }

        var exact = number.ExactValue;
        if (exact.IsInteger)
        {
            return exact.Numerator.ToString(CultureInfo.InvariantCulture);
        }

        return TryTerminatingDecimal(exact, options.MaxResultDigits, out var text) ? text : Rounded(exact, options.RoundedDigits);
    }

    // A reduced fraction has a finite decimal expansion exactly when its denominator is 2^a * 5^b; it then has
    // max(a, b) decimals: numerator * 10^max(a,b) / denominator is a whole number.
    private static bool TryTerminatingDecimal(BigRational value, int maxDigits, out string text)
    {
        text = "";
        var denominator = value.Denominator;
        var twos = (int)BigInteger.TrailingZeroCount(denominator);
        denominator >>= twos;
        var fives = 0;
        while (denominator > 1 && (denominator % 5).IsZero)
        {
            denominator /= 5;
            fives++;
        }

        var places = Math.Max(twos, fives);
        if (!denominator.IsOne || places > maxDigits)
        {
            return false;
        }

        var scaled = BigInteger.Abs(value.Numerator) * BigInteger.Pow(10, places) / value.Denominator;
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var builder = new StringBuilder();
        if (value.Sign < 0)
        {
            builder.Append('-');
        }

        builder.Append(digits, 0, digits.Length - places).Append('.').Append(digits, digits.Length - places, places);
        text = builder.ToString();
        return true;
    }

    private static string Rounded(BigRational value, int significantDigits)
    {
        var negative = value.Sign < 0;
        value = value.Abs();

        // Decimal exponent k with 10^k <= value < 10^(k+1): estimate with logarithms, then correct exactly.
        var exponent = (int)Math.Floor(BigInteger.Log10(value.Numerator) - BigInteger.Log10(value.Denominator));
        while (value >= PowerOfTen(exponent + 1))
        {
            exponent++;
        }

        while (value < PowerOfTen(exponent))
        {
            exponent--;
        }

        var mantissa = (value * PowerOfTen(significantDigits - 1 - exponent)).RoundHalfAwayFromZero();
        if (mantissa == BigInteger.Pow(10, significantDigits))
        {
            // 9.99… rounded up to 10.0…: one more digit before the point.
            mantissa /= 10;
            exponent++;
        }

        var digits = mantissa.ToString(CultureInfo.InvariantCulture).TrimEnd('0');
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (exponent is < -7 or > 20)
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent));
        }
        else if (exponent < 0)
        {
            builder.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (digits.Length <= exponent + 1)
        {
            builder.Append(digits).Append('0', exponent + 1 - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }

        return builder.ToString();
    }

    private static BigRational PowerOfTen(int exponent) =>
        exponent >= 0
            ? BigRational.FromInteger(BigInteger.Pow(10, exponent))
            : BigRational.Create(BigInteger.One, BigInteger.Pow(10, -exponent));
}
