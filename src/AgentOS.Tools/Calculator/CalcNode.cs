namespace AgentOS.Tools.Calculator;

/// <summary>A node of a parsed expression; <see cref="Position"/> is where its error would point (1-based).</summary>
internal abstract record CalcNode(int Position);

/// <summary>A number literal, already exact.</summary>
internal sealed record NumberNode(int Position, BigRational Value) : CalcNode(Position);

/// <summary>pi or e.</summary>
internal sealed record ConstantNode(int Position, string Name) : CalcNode(Position);

/// <summary>A parenthesized expression; kept so that <c>200 + (10%)</c> is not read as "plus ten percent of 200".</summary>
internal sealed record GroupNode(int Position, CalcNode Inner) : CalcNode(Position);

/// <summary>Unary minus.</summary>
internal sealed record NegateNode(int Position, CalcNode Operand) : CalcNode(Position);

/// <summary>A postfix percent: the operand divided by 100.</summary>
internal sealed record PercentNode(int Position, CalcNode Operand) : CalcNode(Position);

/// <summary><c>base ^ exponent</c>; the position is the operator's.</summary>
internal sealed record PowerNode(int Position, CalcNode Base, CalcNode Exponent) : CalcNode(Position);

/// <summary>A function call such as <c>max(1, 2)</c>.</summary>
internal sealed record CallNode(int Position, string Function, IReadOnlyList<CalcNode> Arguments) : CalcNode(Position);

/// <summary>
/// A left-associative run of operators of one precedence level (<c>a + b - c</c> or <c>a * b / c</c>), kept flat
/// so that a long run never makes a deep tree: evaluation depth follows nesting, not length.
/// </summary>
internal sealed record ChainNode(CalcNode First, IReadOnlyList<ChainLink> Links) : CalcNode(First.Position);

/// <summary>One operator and its right operand in a <see cref="ChainNode"/>.</summary>
internal readonly record struct ChainLink(ChainOperator Operator, int Position, CalcNode Operand);

/// <summary>Operators that chain left to right.</summary>
internal enum ChainOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,

    /// <summary><c>15% of 80</c>: multiplication, spelled for percentages.</summary>
    Of,
}
