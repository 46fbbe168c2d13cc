namespace AgentOS.Tools.Calculator;

/// <summary>Kinds of calculator tokens.</summary>
internal enum CalcTokenKind
{
    Number,
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Percent,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>A token with its 1-based position and its source text.</summary>
internal readonly record struct CalcToken(CalcTokenKind Kind, int Position, string Text);
