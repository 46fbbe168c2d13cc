using AgentOS.Abstractions;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// The <c>calculator</c> tool: exact arithmetic on big rationals with its own tokenizer, parser and evaluator
/// (no eval, no script engine). See <see cref="CalculatorEvaluator"/> for the semantics,
/// <see cref="NumberFormatter"/> for how results are printed and <see cref="CalculatorOptions"/> for the bounds.
/// The result is the number as text, e.g. <c>391</c>, <c>0.125</c>, <c>0.33333333333333333333</c>.
/// </summary>
public sealed class CalculatorTool : Tool<CalculatorArguments>
{
    /// <summary>The name the model calls this tool by.</summary>
    public const string ToolName = "calculator";

    private readonly CalculatorOptions _options;

    /// <summary>Creates the tool.</summary>
    /// <param name="options">Bounds; defaults when null. Validated here.</param>
    public CalculatorTool(CalculatorOptions? options = null)
        : base(
            ToolName,
            "Evaluates an arithmetic expression exactly and returns the number. Supports + - * / ^ (or **), parentheses, " +
            "scientific notation (1.5e3), percentages (15% of 80, 200 + 10%), sqrt abs round floor ceil min max ln log exp " +
            "sin cos tan (radians), and the constants pi and e. Repeating decimals are rounded to 20 significant digits; " +
            "results that involve pi, e or an irrational function are approximate (15 significant digits).")
    {
        _options = options ?? new CalculatorOptions();
        _options.Validate();
    }

    /// <summary>Evaluates <paramref name="expression"/> and prints the result; throws <see cref="ToolException"/> on bad input.</summary>
    internal string Evaluate(string expression)
    {
        if (expression.Length > _options.MaxExpressionLength)
        {
            throw new ToolException(ToolErrorCode.LimitExceeded,
                $"the expression is {expression.Length} characters long; the limit is {_options.MaxExpressionLength}");
        }

        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ToolException(ToolErrorCode.ExecutionError, "the expression is empty");
        }

        var tokens = CalculatorLexer.Tokenize(expression, _options);
        var tree = CalculatorParser.Parse(tokens, _options);
        var value = new CalculatorEvaluator(_options).Evaluate(tree);
        return NumberFormatter.Format(value, _options);
    }

    /// <inheritdoc />
    protected override Task<ToolResult> InvokeAsync(CalculatorArguments arguments, CancellationToken cancellationToken) =>
        Task.FromResult(ToolResult.Ok(Evaluate(arguments.Expression)));
}
