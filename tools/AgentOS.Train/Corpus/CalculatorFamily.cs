using System.Globalization;
using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Arithmetic, written as an expression, in words, or as a word problem, answered with the <c>calculator</c>.
/// The answer repeats the expression and the tool's result (<c>17 * 23 = 391.</c>), so every number in it is a
/// direct copy: from the question into the call, and from the result into the answer.
/// </summary>
internal sealed class CalculatorFamily : TaskFamily
{
    public const string Thought = "This is arithmetic, so I will use the calculator.";

    public override string Name => "calculator";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        // {e}: the expression as written in the call.
        new("expr.1", "What is {e}?"),
        new("expr.2", "Compute {e}."),
        new("expr.3", "Calculate {e}."),
        new("expr.4", "What does {e} equal?"),
        new("expr.5", "Please work out {e}."),
        new("expr.6", "{e} = ?"),
        new("expr.7", "Solve {e}."),
        new("expr.8", "How much is {e}?"),
        new("expr.9", "Can you calculate {e} for me?", HeldOut: true),
        new("expr.10", "Evaluate {e}.", HeldOut: true),
        new("expr.11", "I need the value of {e}.", HeldOut: true),
        new("plus.1", "What is {a} plus {b}?"),
        new("plus.2", "Add {a} and {b}."),
        new("plus.3", "What is the sum of {a} and {b}?"),
        new("plus.4", "Add {a} to {b}."),
        new("plus.5", "What do you get if you add {a} and {b}?", HeldOut: true),
        new("minus.1", "What is {a} minus {b}?"),
        new("minus.2", "Subtract {b} from {a}."),
        new("minus.3", "What is {a} take away {b}?"),
        new("minus.4", "What is the difference of {a} and {b}?", HeldOut: true),
        new("times.1", "What is {a} times {b}?"),
        new("times.2", "Multiply {a} by {b}."),
        new("times.3", "What is the product of {a} and {b}?"),
        new("times.4", "What is {a} multiplied by {b}?"),
        new("times.5", "What do you get if you multiply {a} by {b}?", HeldOut: true),
        new("divide.1", "What is {a} divided by {b}?"),
        new("divide.2", "Divide {a} by {b}."),
        new("divide.3", "How much is {a} divided by {b}?", HeldOut: true),
        new("story-plus.1", "{name} has {a} {items}. {name} gets {b} more. How many {items} does {name} have now?"),
        new("story-plus.2", "There are {a} {items} in one box and {b} in another. How many {items} are there in total?"),
        new("story-plus.3", "{name} had {a} {items} and found {b} more. How many {items} does {name} have?", HeldOut: true),
        new("story-minus.1", "{name} had {a} {items} and gave away {b}. How many {items} are left?"),
        new("story-minus.2", "A shop had {a} {items} and sold {b}. How many {items} does the shop have now?"),
        new("story-minus.3", "{name} had {a} {items} and lost {b}. How many {items} are left?", HeldOut: true),
        new("story-times.1", "One box holds {a} {items}. How many {items} are in {b} boxes?"),
        new("story-times.2", "{name} buys {b} packs of {a} {items}. How many {items} is that?"),
        new("story-times.3", "Each bag has {a} {items}. How many {items} are in {b} bags?", HeldOut: true),
        new("story-divide.1", "{a} {items} are shared equally by {b} people. How many {items} does each person get?"),
        new("story-divide.2", "{name} puts {a} {items} into {b} equal groups. How many {items} are in each group?"),
        new("story-divide.3", "{a} {items} are split equally into {b} boxes. How many {items} go in each box?", HeldOut: true),
    ];

    public override async Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var kind = KindOf(template);
        string question;
        string expression;
        if (kind == "expr")
        {
            // People type "17*23" as often as "17 * 23": the call copies the expression as the question wrote it.
            expression = DrawExpression(random, split);
            if (Chance(random, 0.4))
            {
                expression = expression.Replace(" ", string.Empty, StringComparison.Ordinal);
            }

            question = template.Fill(("e", expression));
        }
        else
        {
            var op = kind switch
            {
                "plus" or "story-plus" => '+',
                "minus" or "story-minus" => '-',
                "times" or "story-times" => '*',
                _ => '/',
            };
            var story = kind.StartsWith("story-", StringComparison.Ordinal);
            var (a, b) = DrawOperands(random, split, op, story ? 3 : 4);
            // Sums and products are written in the order the question names the numbers: the call is then a
            // straight copy. Differences and quotients keep their meaning's order ("Subtract 5 from 12" is 12 - 5).
            var mentionedSecondFirst = template.Text.IndexOf("{b}", StringComparison.Ordinal) < template.Text.IndexOf("{a}", StringComparison.Ordinal);
            expression = op is '+' or '*' && mentionedSecondFirst ? Format(b, op, a) : Format(a, op, b);
            var name = PickWord(random, WordLists.Names, split);
            question = template.Fill(("a", Text(a)), ("b", Text(b)), ("name", name), ("items", Pick(random, WordLists.Items)));
        }

        builder.User(question);
        var result = await builder.CallAsync("calculator", [("expression", expression)], Chance(random, 0.25) ? Thought : null).ConfigureAwait(false);
        var value = ToolOutput.Value(result);
        builder.Answer($"{expression} = {value}.");
        return [value];
    }

    /// <summary>Draws an expression: mostly two operands, sometimes three with or without brackets.</summary>
    internal static string DrawExpression(DeterministicRandom random, CorpusSplit split)
    {
        if (Chance(random, 0.25))
        {
            while (true)
            {
                var (a, b, c) = (Operand(random, 2), Operand(random, 2), Operand(random, 2));
                if (!ValuePartition.Fits(split, a, b, c))
                {
                    continue;
                }

                var ops = "+-*";
                var (op1, op2) = (ops[random.NextInt(3)], ops[random.NextInt(3)]);
                return Chance(random, 0.5)
                    ? $"({Format(a, op1, b)}) {op2} {Text(c)}"
                    : $"{Format(a, op1, b)} {op2} {Text(c)}";
            }
        }

        var op = "+-*/"[random.NextInt(4)];
        var (x, y) = DrawOperands(random, split, op, 4);
        return Format(x, op, y);
    }

    /// <summary>Draws two operands for <paramref name="op"/> that fit the split; division always comes out even.</summary>
    internal static (long A, long B) DrawOperands(DeterministicRandom random, CorpusSplit split, char op, int maxDigits)
    {
        while (true)
        {
            long a, b;
            switch (op)
            {
                case '/':
                    b = Between(random, 2, Chance(random, 0.7) ? 12 : 99);
                    a = b * Operand(random, Math.Min(3, maxDigits - 1));
                    break;
                case '*':
                    a = Operand(random, Math.Min(3, maxDigits));
                    b = Operand(random, Math.Min(3, maxDigits));
                    break;
                case '-':
                    a = Operand(random, maxDigits);
                    b = Operand(random, maxDigits);
                    if (a < b && Chance(random, 0.8))
                    {
                        (a, b) = (b, a);
                    }

                    break;
                default:
                    a = Operand(random, maxDigits);
                    b = Operand(random, maxDigits);
                    break;
            }

            if (a != 0 && ValuePartition.Fits(split, a, b))
            {
                return (a, b);
            }
        }
    }

    internal static string Format(long a, char op, long b) => $"{Text(a)} {op} {Text(b)}";

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
