using System.Globalization;
using System.Numerics;
using AgentOS.Abstractions;

namespace AgentOS.Tools.Calculator;

/// <summary>
/// Recursive-descent parser. Precedence, loosest first: <c>+ -</c>; <c>* / of</c>; unary sign; <c>^</c>
/// (right-associative, and binding tighter than a leading minus, so <c>-2^2</c> is -4 while <c>2^-2</c> is 0.25);
/// postfix <c>%</c>; numbers, names, calls and parentheses. Every step into a deeper level is counted, and the
/// parse stops at <see cref="CalculatorOptions.MaxNestingDepth"/> before the stack can run out.
/// </summary>
internal sealed class CalculatorParser
{
    private readonly List<CalcToken> _tokens;
    private readonly CalculatorOptions _options;
    private int _next;
    private int _depth;

    private CalculatorParser(List<CalcToken> tokens, CalculatorOptions options)
    {
        _tokens = tokens;
        _options = options;
    }

    private CalcToken Current => _tokens[_next];

    public static CalcNode Parse(List<CalcToken> tokens, CalculatorOptions options)
    {
        var parser = new CalculatorParser(tokens, options);
        // The top level is not nested: depth counts the levels inside it.
        var node = parser.ParseChain(additive: true);
        var extra = parser.Current;
        if (extra.Kind == CalcTokenKind.RightParen)
        {
            throw CalculatorError.At(extra.Position, "')' has no matching '('");
        }

        if (extra.Kind != CalcTokenKind.End)
        {
            throw MissingOperator(extra);
        }

        return node;
    }

    private CalcNode ParseExpression(int position)
    {
        Enter(position);
        var node = ParseChain(additive: true);
        _depth--;
        return node;
    }

    private CalcNode ParseChain(bool additive)
    {
        var first = additive ? ParseChain(additive: false) : ParseUnary();
        List<ChainLink>? links = null;
        while (TryChainOperator(additive, out var op))
        {
            var position = Current.Position;
            _next++;
            var operand = additive ? ParseChain(additive: false) : ParseUnary();
            (links ??= []).Add(new ChainLink(op, position, operand));
        }

        return links is null ? first : new ChainNode(first, links);
    }

    private bool TryChainOperator(bool additive, out ChainOperator op)
    {
        op = (additive, Current.Kind) switch
        {
            (true, CalcTokenKind.Plus) => ChainOperator.Add,
            (true, CalcTokenKind.Minus) => ChainOperator.Subtract,
            (false, CalcTokenKind.Star) => ChainOperator.Multiply,
            (false, CalcTokenKind.Slash) => ChainOperator.Divide,
            (false, CalcTokenKind.Name) when IsOf(Current) => ChainOperator.Of,
            _ => (ChainOperator)(-1),
        };
        return (int)op >= 0;
    }

    private CalcNode ParseUnary()
    {
        var token = Current;
        if (token.Kind is CalcTokenKind.Minus or CalcTokenKind.Plus)
        {
            _next++;
            Enter(token.Position);
            var operand = ParseUnary();
            _depth--;
            return token.Kind == CalcTokenKind.Minus ? new NegateNode(token.Position, operand) : operand;
        }

        return ParsePower();
    }

    private CalcNode ParsePower()
    {
        var @base = ParsePostfix();
        if (Current.Kind != CalcTokenKind.Caret)
        {
            return @base;
        }

        var position = Current.Position;
        _next++;
        Enter(position);
        var exponent = ParseUnary();
        _depth--;
        return new PowerNode(position, @base, exponent);
    }

    private CalcNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == CalcTokenKind.Percent)
        {
            node = new PercentNode(Current.Position, node);
            _next++;
        }

        return node;
    }

    private CalcNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case CalcTokenKind.Number:
                _next++;
                return new NumberNode(token.Position, ParseLiteral(token));
            case CalcTokenKind.LeftParen:
            {
                _next++;
                var inner = ParseExpression(token.Position);
                Expect(CalcTokenKind.RightParen, $"')' to close the '(' at {token.Position}");
                return new GroupNode(token.Position, inner);
            }

            case CalcTokenKind.Name:
                return ParseName(token);
            case CalcTokenKind.End:
                throw CalculatorError.At(token.Position, "the expression ends too early: expected a number, a name or '('");
            default:
                throw CalculatorError.At(token.Position, $"expected a number, a name or '(' but found '{token.Text}'");
        }
    }

    private CalcNode ParseName(CalcToken token)
    {
        var name = token.Text.ToLowerInvariant();
        _next++;
        if (CalculatorFunctions.IsConstant(name))
        {
            return new ConstantNode(token.Position, name);
        }

        if (!CalculatorFunctions.IsFunction(name))
        {
            throw IsOf(token)
                ? CalculatorError.At(token.Position, "'of' must follow a value, as in 15% of 80")
                : CalculatorError.At(token.Position, $"unknown name '{token.Text}'; known: {CalculatorFunctions.KnownNames}");
        }

        if (Current.Kind != CalcTokenKind.LeftParen)
        {
            throw CalculatorError.At(Current.Position, $"expected '(' after {name}, as in {name}(2)");
        }

        var open = Current;
        _next++;
        var arguments = new List<CalcNode>();
        if (Current.Kind != CalcTokenKind.RightParen)
        {
            arguments.Add(ParseExpression(open.Position));
            while (Current.Kind == CalcTokenKind.Comma)
            {
                _next++;
                arguments.Add(ParseExpression(open.Position));
            }
        }

        Expect(CalcTokenKind.RightParen, $"')' to close {name}( at {open.Position}");
        CalculatorFunctions.CheckArity(name, token.Position, arguments.Count);
        return new CallNode(token.Position, name, arguments);
    }

    private BigRational ParseLiteral(CalcToken token)
    {
        var text = token.Text;
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        long exponent = 0;
        if (exponentAt >= 0)
        {
            var exponentText = text[(exponentAt + 1)..];
            var digits = exponentText.TrimStart('+', '-').TrimStart('0');
            if (digits.Length > 9 || !long.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > _options.MaxResultDigits)
            {
                throw CalculatorError.Limit(token.Position, $"the exponent of {Shorten(text)} is too large; the limit is ±{_options.MaxResultDigits}");
            }
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digitsOnly = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        var scale = point < 0 ? 0 : mantissa.Length - point - 1;
        var numerator = digitsOnly.Length == 0 ? BigInteger.Zero : BigInteger.Parse(digitsOnly, NumberStyles.None, CultureInfo.InvariantCulture);
        var power = exponent - scale;
        return power >= 0
            ? BigRational.FromInteger(numerator * BigInteger.Pow(10, (int)power))
            : BigRational.Create(numerator, BigInteger.Pow(10, (int)-power));
    }

    private void Expect(CalcTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            if (Current.Kind is CalcTokenKind.Number or CalcTokenKind.Name or CalcTokenKind.LeftParen)
            {
                throw MissingOperator(Current);
            }

            throw Current.Kind == CalcTokenKind.End
                ? CalculatorError.At(Current.Position, $"the expression ends too early: expected {what}")
                : CalculatorError.At(Current.Position, $"expected {what} but found '{Current.Text}'");
        }

        _next++;
    }

    private void Enter(int position)
    {
        if (++_depth > _options.MaxNestingDepth)
        {
            throw CalculatorError.Limit(position, $"the expression is nested more than {_options.MaxNestingDepth} levels deep");
        }
    }

    private static bool IsOf(CalcToken token) => token.Kind == CalcTokenKind.Name && token.Text.Equals("of", StringComparison.OrdinalIgnoreCase);

    private static ToolException MissingOperator(CalcToken token) => token.Kind switch
    {
        CalcTokenKind.Number or CalcTokenKind.Name or CalcTokenKind.LeftParen =>
            CalculatorError.At(token.Position, $"missing operator before '{Shorten(token.Text)}' (write * to multiply; % means percent, there is no modulo)"),
        _ => CalculatorError.At(token.Position, $"unexpected '{token.Text}'"),
    };

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..17] + "...";
}
