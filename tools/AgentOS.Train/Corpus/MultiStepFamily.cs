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
        new("letters-plus.1", "Add {k} to the number of letters in \"{w}\"."),
        new("letters-plus.2", "Take the length of the word \"{w}\" and add {k}."),
        new("letters-plus.3", "What is the number of letters in \"{w}\" plus {k}?", HeldOut: true),
        new("years.1", "How many years before {y} was the {place} built?"),
        new("years.2", "The {place} was built how many years before {y}?"),
        new("years.3", "How many years passed between the building of the {place} and {y}?", HeldOut: true),
        new("size-times.1", "If the {place} were {k} times as {size}, how many meters {size} would it be?"),
        new("size-times.2", "What is {k} times the size of the {place} in meters?"),
        new("size-times.3", "How many meters is {k} times the {place}?", HeldOut: true),
        new("reverse-result.1", "Compute {e} and reverse the digits of the result."),
        new("reverse-result.2", "Work out {e}, then write the result backwards."),
        new("reverse-result.3", "Reverse the digits of {e}.", HeldOut: true),
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
