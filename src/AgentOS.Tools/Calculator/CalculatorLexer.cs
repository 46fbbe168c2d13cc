namespace AgentOS.Tools.Calculator;

/// <summary>
/// Splits an expression into tokens. Accepts <c>**</c> as <c>^</c>, and the typographic <c>×</c>, <c>÷</c>, <c>−</c>
/// and <c>π</c> that models and people paste. Number literals are checked against the digit bound here,
/// before anything is parsed.
/// </summary>
internal static class CalculatorLexer
{
    public static List<CalcToken> Tokenize(string expression, CalculatorOptions options)
    {
        var tokens = new List<CalcToken>();
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                var end = ScanNumber(expression, i, options);
                tokens.Add(new CalcToken(CalcTokenKind.Number, position, expression[i..end]));
                i = end;
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_' || c == 'π')
            {
                var end = i + 1;
                while (end < expression.Length && (char.IsAsciiLetterOrDigit(expression[end]) || expression[end] == '_'))
                {
                    end++;
                }

                tokens.Add(new CalcToken(CalcTokenKind.Name, position, c == 'π' ? "pi" : expression[i..end]));
                i = c == 'π' ? i + 1 : end;
                continue;
            }

            if (c == '*' && i + 1 < expression.Length && expression[i + 1] == '*')
            {
                tokens.Add(new CalcToken(CalcTokenKind.Caret, position, "**"));
                i += 2;
                continue;
            }

            var kind = c switch
            {
                '+' => CalcTokenKind.Plus,
                '-' or '−' => CalcTokenKind.Minus,
                '*' or '×' or '·' => CalcTokenKind.Star,
                '/' or '÷' => CalcTokenKind.Slash,
                '^' => CalcTokenKind.Caret,
                '%' => CalcTokenKind.Percent,
                '(' => CalcTokenKind.LeftParen,
                ')' => CalcTokenKind.RightParen,
                ',' => CalcTokenKind.Comma,
                _ => throw CalculatorError.At(position, $"unexpected character '{c}'"),
            };
            tokens.Add(new CalcToken(kind, position, c.ToString()));
            i++;
        }

        tokens.Add(new CalcToken(CalcTokenKind.End, expression.Length + 1, "end of expression"));
        return tokens;
    }

    // digits [. digits] [e|E [+|-] digits], or . digits [exponent]
    private static int ScanNumber(string text, int start, CalculatorOptions options)
    {
        var i = start;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits > options.MaxLiteralDigits)
        {
            throw CalculatorError.Limit(start + 1, $"the number has {digits} digits; the limit is {options.MaxLiteralDigits}");
        }

        // An exponent only when digits follow; otherwise the 'e' is left for the constant or a name ("2e" is an error later).
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        return i;
    }
}
