using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Calls that fail. A call the model got wrong is shown with the real error and followed by a corrected call (the
/// wrong call is context only: the model never learns to write it); a task that cannot succeed — dividing by zero,
/// a place the documents do not mention — ends in an honest "I could not", naming the reason.
/// </summary>
internal sealed class ToolErrorFamily(DocumentLibrary documents) : TaskFamily
{
    public override string Name => "tool_error";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("div-zero.1", "What is {a} / 0?"),
        new("div-zero.2", "Divide {a} by 0."),
        new("div-zero.3", "Compute {a} / 0."),
        new("div-zero.4", "What is {a} divided by zero?", HeldOut: true),
        new("div-zero.5", "Calculate {a} / 0."),
        new("div-zero.6", "{a} / 0 = ?"),
        new("div-zero.7", "How much is {a} / 0?"),
        new("div-zero.8", "Please work out {a} / 0."),
        new("div-zero.9", "I'm testing you. Divide {a} by 0."),
        new("div-zero.10", "Divide {a} by zero.", TrainingOnly: true),
        new("div-zero.11", "What happens if I divide {a} by zero?", TrainingOnly: true),
        new("div-zero.12", "Calculate {a} over zero for me.", TrainingOnly: true),
        new("div-zero.13", "Work out {a} / 0 and tell me the result.", TrainingOnly: true),
        new("fix-calc.1", "What is {a} times {b}?"),
        new("fix-calc.2", "What is {a} plus {b}?"),
        new("fix-calc.3", "What is {a} minus {b}?"),
        new("fix-calc.4", "How much is {a} times {b}?", HeldOut: true),
        new("fix-calc.5", "Work out {a} plus {b}."),
        new("fix-calc.6", "Calculate {a} times {b}."),
        new("fix-calc.7", "Compute {a} minus {b}."),
        new("fix-calc.8", "What's {a} minus {b}?"),
        new("fix-calc.9", "{a} times {b}, please."),
        new("fix-calc.10", "I'm checking a bill. What is {a} plus {b}?"),
        new("fix-js.1", "Reverse the word \"{w}\"."),
        new("fix-js.2", "Sort the letters of \"{w}\" alphabetically."),
        new("fix-js.3", "Write \"{w}\" backwards.", HeldOut: true),
        new("fix-js.4", "Reverse \"{w}\", please."),
        new("fix-js.5", "Flip \"{w}\" so it reads from right to left."),
        new("fix-js.6", "Sort the letters in \"{w}\" from a to z."),
        new("fix-js.7", "I'm making a puzzle. Sort the letters of \"{w}\" into alphabetical order."),
        new("fix-js.8", "What is \"{w}\" in reverse?"),
        new("not-found.1", "When was the {place} built?"),
        new("not-found.2", "Who founded the {place}?"),
        new("not-found.3", "Where is the {place}?"),
        new("not-found.4", "In which year was the {place} built?", HeldOut: true),
        new("not-found.5", "When did they build the {place}?"),
        new("not-found.6", "Who was the founder of the {place}?"),
        new("not-found.7", "Where can I find the {place}?"),
        new("not-found.8", "I'm reading about the {place}. When was it built?"),
        new("not-found.9", "Check my documents: who founded the {place}?"),
        new("not-found.10", "Tell me the town where the {place} is."),
    ];

    public override async Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        switch (KindOf(template))
        {
            case "div-zero":
            {
                long a;
                do
                {
                    a = Operand(random, 4);
                }
                while (a == 0 || !ValuePartition.Fits(split, a));

                var expression = $"{CalculatorFamily.Text(a)} / 0";
                builder.User(template.Fill(("a", CalculatorFamily.Text(a))));
                var result = await builder.CallAsync("calculator", [("expression", expression)]).ConfigureAwait(false);
                builder.Answer($"I could not compute {expression}: {ErrorText(result).TrimEnd('.')}.");
                return ["could not"];
            }

            case "fix-calc":
            {
                var (word, op) = template.Text.Contains("times", StringComparison.Ordinal) ? ("times", '*')
                    : template.Text.Contains("plus", StringComparison.Ordinal) ? ("plus", '+') : ("minus", '-');
                var (a, b) = CalculatorFamily.DrawOperands(random, split, op, 3);
                builder.User(template.Fill(("a", CalculatorFamily.Text(a)), ("b", CalculatorFamily.Text(b))));
                var wrong = await builder.CallAsync("calculator", [("expression", $"{CalculatorFamily.Text(a)} {word} {CalculatorFamily.Text(b)}")], trained: false).ConfigureAwait(false);
                ErrorText(wrong);
                var expression = CalculatorFamily.Format(a, op, b);
                var value = ToolOutput.Value(await builder.CallAsync("calculator", [("expression", expression)]).ConfigureAwait(false));
                builder.Answer($"{expression} = {value}.");
                return [value];
            }

            case "fix-js":
            {
                var word = PickValueWord(random, split);
                builder.User(template.Fill(("w", word)));
                var sort = template.Text.Contains("sort", StringComparison.OrdinalIgnoreCase);
                // Strings have neither reverse() nor sort(): a real TypeError from the real engine.
                var wrong = await builder.CallAsync("js", [("code", sort ? $"'{word}'.sort()" : $"'{word}'.reverse()")], trained: false).ConfigureAwait(false);
                ErrorText(wrong);
                var code = sort ? $"'{word}'.split('').sort().join('')" : $"'{word}'.split('').reverse().join('')";
                var value = ToolOutput.Value(await builder.CallAsync("js", [("code", code)]).ConfigureAwait(false));
                builder.Answer(sort ? $"The letters of \"{word}\" in order are \"{value}\"." : $"\"{word}\" reversed is \"{value}\".");
                return [value];
            }

            case "not-found":
            {
                var place = PickWord(random, documents.UnknownPlaces, split);
                builder.User(template.Fill(("place", place)));
                // The search names the fact the question asks for, as a search for a known place would.
                var factWord = template.Id switch
                {
                    "not-found.2" or "not-found.6" or "not-found.9" => "founded",
                    "not-found.3" or "not-found.7" or "not-found.10" => "town",
                    _ => "built",
                };
                var result = await builder.CallAsync("retrieval", [("query", $"{place} {factWord}"), ("k", 1)]).ConfigureAwait(false);
                if (RetrievalHit.Read(result).Any(hit => hit.Text.Contains(place, StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"The unknown place '{place}' was found in the documents.");
                }

                builder.Answer($"I could not find anything about the {place} in the documents.");
                return ["could not"];
            }

            default:
                throw new InvalidOperationException($"Template {template.Id} has no task kind the tool-error family knows.");
        }
    }

    /// <summary>The error message of a call the family expected to fail.</summary>
    private static string ErrorText(AgentOS.Abstractions.ToolResult result) =>
        result.IsSuccess
            ? throw new InvalidOperationException($"A call the corpus expected to fail succeeded with '{result.Content}'.")
            : result.Error.Message;
}
