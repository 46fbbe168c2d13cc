using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.Calculator;

namespace AgentOS.Tools.Tests.Calculator;

public sealed class CalculatorToolTests
{
    private readonly CalculatorTool _tool = new();

    private static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Expression(string expression) => JsonSerializer.SerializeToElement(new { expression });

    private async Task<ToolResult> Call(string expression) => await _tool.InvokeAsync(Expression(expression));

    private async Task<string> Value(string expression)
    {
        var result = await Call(expression);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Content;
    }

    private async Task<ToolError> Error(string expression)
    {
        var result = await Call(expression);
        Assert.False(result.IsSuccess, $"expected an error, got {result.Content}");
        return result.Error;
    }

    // ---- Bad input first: every one ends in a clear error, never an exception or a hang ----

    [Fact]
    public async Task Invoke_PowerTower_RefusesBeforeComputing()
    {
        var error = await Error("9^9^9^9");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.StartsWith("at 4: the result of this power would have about", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_PowerTowerWithStars_RefusesBeforeComputing()
    {
        var error = await Error("9**9**9**9");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Contains("digits; the limit is 10000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HundredThousandDigitNumber_ReportsLength()
    {
        var error = await Error(new string('7', 100_000));
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("the expression is 100000 characters long; the limit is 2000", error.Message);
    }

    [Fact]
    public async Task Invoke_LiteralWithTooManyDigits_NamesPosition()
    {
        var error = await Error("1 + " + new string('3', 600));
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("at 5: the number has 600 digits; the limit is 500", error.Message);
    }

    [Fact]
    public async Task Invoke_HundredThousandDigitNumberWithLargeLimits_ReportsDigits()
    {
        var tool = new CalculatorTool(new CalculatorOptions { MaxExpressionLength = 200_000 });
        var error = (await tool.InvokeAsync(Expression(new string('9', 100_000)))).Error!;
        Assert.Equal("at 1: the number has 100000 digits; the limit is 500", error.Message);
    }

    [Fact]
    public async Task Invoke_TenThousandNestedParentheses_StopsAtDepthLimit()
    {
        var tool = new CalculatorTool(new CalculatorOptions { MaxExpressionLength = 30_000 });
        var expression = new string('(', 10_000) + "1" + new string(')', 10_000);
        var error = (await tool.InvokeAsync(Expression(expression))).Error!;
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("at 101: the expression is nested more than 100 levels deep", error.Message);
    }

    [Fact]
    public async Task Invoke_ThousandNestedParenthesesAtDefaultLength_StopsAtDepthLimit()
    {
        var error = await Error(new string('(', 1000) + "1" + new string(')', 999));
        Assert.Equal("at 101: the expression is nested more than 100 levels deep", error.Message);
    }

    [Fact]
    public async Task Invoke_ManyUnaryMinuses_StopsAtDepthLimit()
    {
        var error = await Error(new string('-', 1500) + "1");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Contains("nested more than 100 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_LongFlatSum_IsNotLimitedByDepth()
    {
        Assert.Equal("999", await Value(string.Join('+', Enumerable.Repeat("1", 999))));
    }

    [Theory]
    [InlineData("1/0", "at 2: division by zero")]
    [InlineData("5 / (3 - 3)", "at 3: division by zero")]
    [InlineData("0^-1", "at 2: division by zero (0 to a negative power)")]
    [InlineData("1 / (pi - pi)", "at 3: division by zero")]
    public async Task Invoke_DivisionByZero_NamesPosition(string expression, string message)
    {
        var error = await Error(expression);
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("", "the expression is empty")]
    [InlineData("   ", "the expression is empty")]
    [InlineData("2 +", "at 4: the expression ends too early: expected a number, a name or '('")]
    [InlineData("(1 + 2", "at 7: the expression ends too early: expected ')' to close the '(' at 1")]
    [InlineData("1 + 2)", "at 6: ')' has no matching '('")]
    [InlineData("2 3", "at 3: missing operator before '3' (write * to multiply; % means percent, there is no modulo)")]
    [InlineData("10 % 3", "at 6: missing operator before '3' (write * to multiply; % means percent, there is no modulo)")]
    [InlineData("2pi", "at 2: missing operator before 'pi' (write * to multiply; % means percent, there is no modulo)")]
    [InlineData("1 $ 2", "at 3: unexpected character '$'")]
    [InlineData("foo(2)", "at 1: unknown name 'foo'; known: sqrt, abs, round, floor, ceil, min, max, ln, log, exp, sin, cos, tan, pi, e")]
    [InlineData("sqrt 4", "at 6: expected '(' after sqrt, as in sqrt(2)")]
    [InlineData("sqrt(1, 2)", "at 1: sqrt takes 1 argument, got 2")]
    [InlineData("min()", "at 1: min takes at least 1 argument, got 0")]
    [InlineData("* 3", "at 1: expected a number, a name or '(' but found '*'")]
    [InlineData("of 3", "at 1: 'of' must follow a value, as in 15% of 80")]
    [InlineData("max(1 2)", "at 7: missing operator before '2' (write * to multiply; % means percent, there is no modulo)")]
    public async Task Invoke_Malformed_ReportsPositionAndCause(string expression, string message)
    {
        var error = await Error(expression);
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("sqrt(-4)", "at 1: sqrt of a negative number (-4) is not a real number")]
    [InlineData("ln(0)", "at 1: ln is only defined for positive numbers, got 0")]
    [InlineData("log(-1)", "at 1: log is only defined for positive numbers, got -1")]
    [InlineData("log(8, 1)", "at 1: the base of log must be positive and not 1, got 1")]
    [InlineData("(-8)^0.5", "at 5: a negative number to the power 1/2 is not a real number")]
    [InlineData("round(2.5, 0.5)", "at 1: round's second argument is the number of decimal places: a whole number from -100 to 100, got 1/2")]
    public async Task Invoke_OutsideDomain_ReportsCause(string expression, string message)
    {
        Assert.Equal(message, (await Error(expression)).Message);
    }

    [Theory]
    [InlineData("exp(1000)", "at 1: the result of exp is too large for floating point (beyond ±1.8e308)")]
    [InlineData("10^400 * pi", "at 8: the result of '*' is too large for floating point (beyond ±1.8e308)")]
    [InlineData("1e20000", "at 1: the exponent of 1e20000 is too large; the limit is ±10000")]
    [InlineData("1e99999999999", "at 1: the exponent of 1e99999999999 is too large; the limit is ±10000")]
    [InlineData("2^4000000", "at 2: the result of this power would have about 1,204,120 digits; the limit is 10000")]
    [InlineData("(3^5000)^300", "at 9: the result of this power would have about 715,682 digits; the limit is 10000")]
    [InlineData("0.5^4000000", "at 4: the result of this power would have about 1,204,120 digits; the limit is 10000")]
    [InlineData("10^6000 * 10^6000", "at 9: the result has more than 10000 digits")]
    public async Task Invoke_TooLarge_ReportsLimit(string expression, string message)
    {
        var error = await Error(expression);
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{}", "missing required argument 'expression'")]
    [InlineData("{\"expression\": 17}", "argument 'expression' must be a string, got number")]
    [InlineData("{\"expression\": \"1\", \"precision\": 3}", "unknown argument 'precision'; expected expression")]
    [InlineData("[\"1+1\"]", "the arguments must be an object, got array")]
    public async Task Invoke_WrongArguments_ReportsInvalidArguments(string json, string message)
    {
        var result = await _tool.InvokeAsync(Args(json));
        Assert.Equal(ToolErrorCode.InvalidArguments, result.Error!.Code);
        Assert.Equal(message, result.Error.Message);
    }

    // ---- Exactness, precedence and printing ----

    [Theory]
    [InlineData("17*23", "391")]
    [InlineData("17 × 23", "391")]
    [InlineData("2 + 3 * 4", "14")]
    [InlineData("(2 + 3) * 4", "20")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 10 / 5", "2")]
    [InlineData("-2^2", "-4")]
    [InlineData("(-2)^2", "4")]
    [InlineData("2^-2", "0.25")]
    [InlineData("-2^-2", "-0.25")]
    [InlineData("2^3^2", "512")]
    [InlineData("2**3**2", "512")]
    [InlineData("2 * -3", "-6")]
    [InlineData("--3", "3")]
    [InlineData("+5", "5")]
    [InlineData("1 − 3", "-2")]
    [InlineData("8 ÷ 2", "4")]
    public async Task Invoke_Precedence_FollowsMathematicalConvention(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("1/8", "0.125")]
    [InlineData("1/3 * 3", "1")]
    [InlineData("1/3", "0.33333333333333333333")]
    [InlineData("2/3", "0.66666666666666666667")]
    [InlineData("-2/3", "-0.66666666666666666667")]
    [InlineData("10/3", "3.3333333333333333333")]
    [InlineData("1e30/3", "3.3333333333333333333e+29")]
    [InlineData("1/7e10", "1.4285714285714285714e-11")]
    [InlineData("2^100", "1267650600228229401496703205376")]
    [InlineData("2^-10", "0.0009765625")]
    [InlineData("1e-30", "0.000000000000000000000000000001")]
    [InlineData("1.5e3", "1500")]
    [InlineData("2.5E-1", "0.25")]
    [InlineData(".5e+1", "5")]
    [InlineData("123456789012345678901234567890 * 987654321098765432109876543210", "121932631137021795226185032733622923332237463801111263526900")]
    [InlineData("(1/3 + 1/6) * 2", "1")]
    [InlineData("3 - 3", "0")]
    public async Task Invoke_Exact_KeepsEveryDigit(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }

    [Fact]
    public async Task Invoke_TwoToTheThousand_PrintsAllDigits()
    {
        var value = await Value("2^1000");
        Assert.Equal(302, value.Length);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("15% of 80", "12")]
    [InlineData("200 + 10%", "220")]
    [InlineData("200 - 10%", "180")]
    [InlineData("80 * 15%", "12")]
    [InlineData("50%", "0.5")]
    [InlineData("200 + (10%)", "200.1")]
    [InlineData("12.5% of 1000", "125")]
    public async Task Invoke_Percentages_FollowDocumentedRules(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }

    [Theory]
    [InlineData("sqrt(16)", "4")]
    [InlineData("sqrt(16/9)", "1.3333333333333333333")]
    [InlineData("sqrt(2)", "1.4142135623731")]
    [InlineData("abs(-7/2)", "3.5")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(3.14159, 2)", "3.14")]
    [InlineData("round(1234, -2)", "1200")]
    [InlineData("round(pi, 3)", "3.142")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceil(-1.5)", "-1")]
    [InlineData("min(3, 1/2, 2)", "0.5")]
    [InlineData("max(3, 1/2, 2)", "3")]
    [InlineData("log(1000)", "3")]
    [InlineData("log(0.001)", "-3")]
    [InlineData("log(8, 2)", "3")]
    [InlineData("ln(1)", "0")]
    [InlineData("ln(e)", "1")]
    [InlineData("exp(0)", "1")]
    [InlineData("sin(0)", "0")]
    [InlineData("cos(0)", "1")]
    [InlineData("sin(pi)", "0")]
    [InlineData("cos(pi)", "-1")]
    [InlineData("sin(pi/6)", "0.5")]
    [InlineData("tan(pi/4)", "1")]
    [InlineData("pi", "3.14159265358979")]
    [InlineData("e", "2.71828182845905")]
    [InlineData("8^(1/3)", "2")]
    [InlineData("(-8)^(1/3)", "-2")]
    [InlineData("(4/9)^1.5", "0.2962962962962962963")]
    [InlineData("2^0.5", "1.4142135623731")]
    [InlineData("PI * 2", "6.28318530717959")]
    [InlineData("2 * π", "6.28318530717959")]
    [InlineData("ln(10^5000)", "11512.9254649702")]
    public async Task Invoke_Functions_ExactWhereRational(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }

    [Theory]
    [InlineData("1.0001^3650", "1.44048772076086")]
    public async Task Invoke_PowerPastExactBound_FallsBackToDouble(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }

    [Theory]
    [InlineData("1^(10^4000)", "1")]
    [InlineData("(-1)^(10^4000 + 1)", "-1")]
    [InlineData("0^(10^4000)", "0")]
    [InlineData("2^0", "1")]
    [InlineData("0^0", "1")]
    public async Task Invoke_TrivialBasesWithHugeExponents_AreExact(string expression, string expected)
    {
        Assert.Equal(expected, await Value(expression));
    }
}
