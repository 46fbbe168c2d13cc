using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Tasks that take two calls, the first call's result feeding the second: a script's count into the calculator, a
/// year or size found in the documents into the calculator, a calculator result into a script.
/// </summary>
internal sealed class MultiStepFamily(DocumentLibrary documents) : TaskFamily
{
    public const string Thought = "This takes two steps: first I find the number, then I compute.";

    public override string Name => "multi_step";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("letters-times.1", "Multiply the number of letters in \"{w}\" by {k}."),
        new("letters-times.2", "Take the length of the word \"{w}\" and multiply it by {k}."),
        new("letters-times.3", "What is {k} times the number of letters in \"{w}\"?", HeldOut: true),
        new("letters-times.4", "Count the letters in \"{w}\", then multiply that by {k}."),
        new("letters-times.5", "How many letters does \"{w}\" have, multiplied by {k}?"),
        new("letters-times.6", "Find the length of \"{w}\" and times it by {k}."),
        new("letters-times.8", "First count the letters of \"{w}\". Then multiply the count by {k}."),
        new("letters-times.9", "Multiply {k} by the number of letters in \"{w}\"."),
        new("letters-times.10", "How much is {k} times the length of \"{w}\"?"),
        new("letters-plus.1", "Add {k} to the number of letters in \"{w}\"."),
        new("letters-plus.2", "Take the length of the word \"{w}\" and add {k}."),
        new("letters-plus.3", "What is the number of letters in \"{w}\" plus {k}?", HeldOut: true),
        new("letters-plus.4", "Count the letters in \"{w}\", then add {k} to that."),
        new("letters-plus.5", "How many letters does \"{w}\" have? Add {k} to the answer."),
        new("letters-plus.6", "Find the length of \"{w}\" and add {k} to it."),
        new("letters-plus.7", "Add {k} to how many letters are in \"{w}\"."),
        new("letters-plus.8", "First count the letters of \"{w}\". Then add {k} to the count."),
        new("letters-plus.9", "How much is {k} plus the length of \"{w}\"?"),
        new("years.1", "How many years before {y} was the {place} built?"),
        new("years.2", "The {place} was built how many years before {y}?"),
        new("years.3", "How many years passed between the building of the {place} and {y}?", HeldOut: true),
        new("years.4", "How old was the {place} in {y}?"),
        new("years.5", "How old is the {place} in {y}?"),
        new("years.6", "Look up when the {place} was built and tell me how many years that was before {y}."),
        new("years.7", "I'm writing about the {place}. How long before {y} was it built, in years?"),
        new("years.8", "Subtract the year the {place} was built from {y}."),
        new("size-times.1", "If the {place} were {k} times as {size}, how many meters {size} would it be?"),
        new("size-times.2", "What is {k} times the size of the {place} in meters?"),
        new("size-times.3", "How many meters is {k} times the {place}?", HeldOut: true),
        new("size-times.4", "Find how {size} the {place} is and multiply it by {k}."),
        new("size-times.5", "Multiply the size of the {place} in meters by {k}."),
        new("size-times.6", "I want a model {k} times as {size} as the {place}. How many meters {size} would it be?"),
        new("size-times.7", "Look up how many meters {size} the {place} is, then multiply by {k}."),
        new("size-times.8", "What is the {place}'s size in meters multiplied by {k}?"),
        new("size-times.9", "In meters, what is {k} times the size of the {place}?", TrainingOnly: true),
        new("size-times.10", "Take the size of the {place} and multiply it by {k}.", TrainingOnly: true),
        new("size-times.11", "How {size} would something {k} times the size of the {place} be, in meters?", TrainingOnly: true),
        new("reverse-result.1", "Compute {e} and reverse the digits of the result."),
        new("reverse-result.2", "Work out {e}, then write the result backwards."),
        new("reverse-result.3", "Reverse the digits of {e}.", HeldOut: true),
        new("reverse-result.4", "What is {e}? Write the answer backwards."),
        new("reverse-result.5", "Calculate {e}, then reverse the result."),
        new("reverse-result.6", "First work out {e}. Then give me its digits in reverse order."),
        new("reverse-result.7", "Find {e} and write its digits from last to first."),
        new("reverse-result.8", "I'm making a puzzle: compute {e} and flip the digits."),
    ];

    public override async Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var kind = KindOf(template);
        var thinking = Chance(random, 0.25) ? Thought : null;
        switch (kind)
        {
            case "letters-times" or "letters-plus":
            {
                var word = PickValueWord(random, split);
                var k = DrawFactor(random, split, kind == "letters-times" ? 99 : 999);
                builder.User(template.Fill(("w", word), ("k", CalculatorFamily.Text(k))));
                var length = ToolOutput.Value(await builder.CallAsync("js", [("code", $"'{word}'.length")], thinking).ConfigureAwait(false));
                return await ComputeAsync(builder, $"{length} {(kind == "letters-times" ? '*' : '+')} {CalculatorFamily.Text(k)}").ConfigureAwait(false);
            }

            case "years":
            {
                var document = RetrievalFamily.PickDocument(documents, random, split);
                int year;
                do
                {
                    year = Between(random, 2020, 2035);
                }
                while (split == CorpusSplit.Train && ValuePartition.IsHeldOut(year));

                builder.User(template.Fill(("place", document.Place), ("y", CalculatorFamily.Text(year))));
                await RetrievalFamily.SearchAsync(builder, document, "built", thinking).ConfigureAwait(false);
                return await ComputeAsync(builder, $"{CalculatorFamily.Text(year)} - {document.Fact("built").Value}").ConfigureAwait(false);
            }

            case "size-times":
            {
                var document = RetrievalFamily.PickDocument(documents, random, split);
                var k = Between(random, 2, 9);
                builder.User(template.Fill(("place", document.Place), ("size", document.SizeWord), ("k", CalculatorFamily.Text(k))));
                await RetrievalFamily.SearchAsync(builder, document, "size", thinking).ConfigureAwait(false);
                return await ComputeAsync(builder, $"{document.Fact("size").Value} * {CalculatorFamily.Text(k)}").ConfigureAwait(false);
            }

            case "reverse-result":
            {
                var op = Chance(random, 0.5) ? '*' : '+';
                var (a, b) = CalculatorFamily.DrawOperands(random, split, op, 3);
                var expression = CalculatorFamily.Format(a, op, b);
                builder.User(template.Fill(("e", expression)));
                var value = ToolOutput.Value(await builder.CallAsync("calculator", [("expression", expression)], thinking).ConfigureAwait(false));
                var reversed = ToolOutput.Value(await builder.CallAsync("js", [("code", $"'{value}'.split('').reverse().join('')")]).ConfigureAwait(false));
                builder.Answer($"{expression} = {value}, and {value} reversed is {reversed}.");
                return [reversed];
            }

            default:
                throw new InvalidOperationException($"Template {template.Id} has no task kind the multi-step family knows.");
        }
    }

    private static async Task<IReadOnlyList<string>> ComputeAsync(EpisodeBuilder builder, string expression)
    {
        var value = ToolOutput.Value(await builder.CallAsync("calculator", [("expression", expression)]).ConfigureAwait(false));
        builder.Answer($"{expression} = {value}.");
        return [value];
    }

    private static long DrawFactor(DeterministicRandom random, CorpusSplit split, int max)
    {
        while (true)
        {
            long k = Between(random, 2, max);
            // Held-out episodes already ask about a held-out word; the factor may be any number.
            if (split == CorpusSplit.HeldOut || !ValuePartition.IsHeldOut(k))
            {
                return k;
            }
        }
    }
}
