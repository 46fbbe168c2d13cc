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
        new("expr.12", "What's {e}?"),
        new("expr.13", "Work out {e}, please."),
        new("expr.14", "Tell me the result of {e}."),
        new("expr.15", "I'm checking a receipt. What is {e}?"),
        new("expr.16", "Quick question: what does {e} come to?"),
        new("expr.17", "{e}?"),
        new("expr.18", "Figure out {e}."),
        new("expr.19", "Help me with some maths: how much is {e}?"),
        new("expr.20", "What does {e} evaluate to?"),
        new("expr.21", "Find the value of {e}."),
        new("expr.22", "Could you work out {e} for me?"),
        new("plus.1", "What is {a} plus {b}?"),
        new("plus.2", "Add {a} and {b}."),
        new("plus.3", "What is the sum of {a} and {b}?"),
        new("plus.4", "Add {a} to {b}."),
        new("plus.5", "What do you get if you add {a} and {b}?", HeldOut: true),
        new("plus.6", "How much is {a} plus {b}?"),
        new("plus.7", "Find the total of {a} and {b}."),
        new("plus.8", "I'm adding up two bills of {a} and {b}. What is the total?"),
        new("plus.9", "{a} plus {b} makes what?"),
        new("plus.10", "Please add {b} to {a}."),
        new("plus.11", "What do {a} and {b} add up to?"),
        new("plus.12", "Increase {a} by {b}."),
        new("minus.1", "What is {a} minus {b}?"),
        new("minus.2", "Subtract {b} from {a}."),
        new("minus.3", "What is {a} take away {b}?"),
        new("minus.4", "What is the difference of {a} and {b}?", HeldOut: true),
        new("minus.5", "How much is {a} minus {b}?"),
        new("minus.6", "Take {b} away from {a}."),
        new("minus.7", "Start from {a} and subtract {b}."),
        new("minus.8", "What is left when you take {b} from {a}?"),
        new("minus.9", "{a} minus {b} is what?"),
        new("minus.10", "My balance is {a} and I pay {b}. What is left?"),
        new("minus.11", "Find the difference between {a} and {b}."),
        new("minus.12", "{a} and {b}: what is their difference?"),
        new("minus.13", "Reduce {a} by {b}."),
        new("times.1", "What is {a} times {b}?"),
        new("times.2", "Multiply {a} by {b}."),
        new("times.3", "What is the product of {a} and {b}?"),
        new("times.4", "What is {a} multiplied by {b}?"),
        new("times.5", "What do you get if you multiply {a} by {b}?", HeldOut: true),
        new("times.6", "How much is {a} times {b}?"),
        new("times.7", "Multiply {a} and {b} together."),
        new("times.8", "{a} times {b} is what?"),
        new("times.9", "A grid has {a} rows and {b} columns. How many cells is that?"),
        new("times.10", "Please multiply {b} by {a}."),
        new("times.11", "Multiply {a} by {b} and tell me what you get."),
        new("times.12", "If I multiply {a} by {b}, what is the answer?"),
        new("times.13", "{a} multiplied by {b} gives what?"),
        new("divide.1", "What is {a} divided by {b}?"),
        new("divide.2", "Divide {a} by {b}."),
        new("divide.3", "How much is {a} divided by {b}?", HeldOut: true),
        new("divide.4", "How many times does {b} go into {a}?"),
        new("divide.5", "Share {a} equally between {b}. How much is each share?"),
        new("divide.6", "What is {a} over {b}?"),
        new("divide.7", "A bill of {a} is paid equally by {b} friends. How much does each friend pay?"),
        new("divide.8", "What is the quotient of {a} and {b}?"),
        new("divide.9", "Work out {a} divided by {b}."),
        new("divide.10", "If {a} is divided by {b}, what is the result?"),
        new("story-plus.1", "{name} has {a} {items}. {name} gets {b} more. How many {items} does {name} have now?"),
        new("story-plus.2", "There are {a} {items} in one box and {b} in another. How many {items} are there in total?"),
        new("story-plus.3", "{name} had {a} {items} and found {b} more. How many {items} does {name} have?", HeldOut: true),
        new("story-plus.4", "{name} collects {items}. {name} has {a} and buys {b} more. How many {items} does {name} have now?"),
        new("story-plus.5", "A jar holds {a} {items}. {name} puts in {b} more. How many {items} are in the jar?"),
        new("story-plus.6", "{name} picked {a} {items} in the morning and {b} in the afternoon. How many {items} did {name} pick altogether?"),
        new("story-plus.7", "I have {a} {items} and my friend gives me {b}. How many {items} do I have?"),
        new("story-plus.8", "How many {items} are there if one shelf has {a} and another has {b}?"),
        new("story-plus.9", "{name} had {a} {items}, then received {b} more. What is the total?"),
        new("story-plus.10", "{name} had {a} {items} and won {b} more. How many {items} are there now?", TrainingOnly: true),
        new("story-plus.11", "{name} had {a} {items}. Then {name} got {b} more. How many {items} now?", TrainingOnly: true),
        new("story-plus.12", "{name} had {a} {items} and was given another {b}. What is the total now?", TrainingOnly: true),
        new("story-minus.1", "{name} had {a} {items} and gave away {b}. How many {items} are left?"),
        new("story-minus.2", "A shop had {a} {items} and sold {b}. How many {items} does the shop have now?"),
        new("story-minus.3", "{name} had {a} {items} and lost {b}. How many {items} are left?", HeldOut: true),
        new("story-minus.4", "{name} had {a} {items} and used {b} of them. How many {items} does {name} have left?"),
        new("story-minus.5", "There were {a} {items} on the table. {name} took {b}. How many {items} are still on the table?"),
        new("story-minus.6", "I had {a} {items} and gave {b} to a friend. How many {items} do I have now?"),
        new("story-minus.7", "How many {items} are left if {name} starts with {a} and sells {b}?"),
        new("story-minus.8", "A box held {a} {items}. After {b} were taken out, how many {items} were in the box?"),
        new("story-minus.9", "{name} lost {b} of {a} {items}. How many {items} remain?"),
        new("story-minus.10", "Out of {a} {items}, {b} broke. How many {items} are still fine?"),
        new("story-minus.11", "{name} had {a} {items} and ate {b} of them. How many {items} are left?", TrainingOnly: true),
        new("story-minus.12", "{name} had {a} {items}, then spent {b} of them. How many {items} remain?", TrainingOnly: true),
        new("story-minus.13", "There were {a} {items}. {b} of them were thrown away. How many {items} are left?", TrainingOnly: true),
        new("story-times.1", "One box holds {a} {items}. How many {items} are in {b} boxes?"),
        new("story-times.2", "{name} buys {b} packs of {a} {items}. How many {items} is that?"),
        new("story-times.3", "Each bag has {a} {items}. How many {items} are in {b} bags?", HeldOut: true),
        new("story-times.4", "{name} has {b} boxes with {a} {items} in each. How many {items} is that in total?"),
        new("story-times.5", "{b} shelves hold {a} {items} apiece. How many {items} are on the shelves?"),
        new("story-times.6", "{name} makes {a} {items} a day for {b} days. How many {items} does {name} make?"),
        new("story-times.7", "If a crate contains {a} {items}, how many {items} do {b} crates contain?"),
        new("story-times.8", "I need {a} {items} for each of {b} tables. How many {items} do I need?"),
        new("story-times.9", "There are {b} rows of {a} {items}. How many {items} are there?"),
        new("story-times.10", "Every crate holds {a} {items}, and there are {b} crates. How many {items} in all?", TrainingOnly: true),
        new("story-times.11", "Each of {b} children has {a} {items}. How many {items} do they have together?", TrainingOnly: true),
        new("story-times.12", "A pack has {a} {items}. {name} buys {b} packs. How many {items} does {name} get?", TrainingOnly: true),
        new("story-divide.1", "{a} {items} are shared equally by {b} people. How many {items} does each person get?"),
        new("story-divide.2", "{name} puts {a} {items} into {b} equal groups. How many {items} are in each group?"),
        new("story-divide.3", "{a} {items} are split equally into {b} boxes. How many {items} go in each box?", HeldOut: true),
        new("story-divide.4", "{name} has {a} {items} to hand out to {b} friends, the same number each. How many {items} does each friend get?"),
        new("story-divide.5", "I want to pack {a} {items} into {b} bags with the same number in each. How many {items} should each bag hold?"),
        new("story-divide.6", "There are {a} {items} and {b} children. If they share them fairly, how many {items} does each child get?"),
        new("story-divide.7", "How many {items} is each share if {name} divides {a} {items} among {b} people?"),
        new("story-divide.8", "{a} {items} fill {b} shelves evenly. How many {items} are on each shelf?"),
        new("story-divide.9", "{name} splits {a} {items} among {b} friends. How many {items} does each friend get?"),
        new("story-divide.10", "Divide {a} {items} evenly into {b} bags. How many {items} are in each bag?"),
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

    /// <summary>
    /// Draws an expression: two operands, or (four times in ten) three, with or without brackets. Three operands
    /// mostly mix two operators, because a model that has seen few mixes copies "7 * 8 + 9" as <c>7 * 9 * 9</c>:
    /// it repeats the first operator instead of reading the second.
    /// </summary>
    internal static string DrawExpression(DeterministicRandom random, CorpusSplit split)
    {
        if (Chance(random, 0.4))
        {
            while (true)
            {
                var (a, b, c) = (Operand(random, 2), Operand(random, 2), Operand(random, 2));
                if (!ValuePartition.Fits(split, a, b, c))
                {
                    continue;
                }

                var ops = "+-*";
                var op1 = ops[random.NextInt(3)];
                var op2 = Chance(random, 0.8) ? ops[(ops.IndexOf(op1) + 1 + random.NextInt(2)) % 3] : op1;
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
