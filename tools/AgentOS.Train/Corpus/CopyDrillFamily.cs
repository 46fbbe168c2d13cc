using System.Globalization;
using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Copy drills: a list of names, made-up words, file names and numbers, answered by writing the list back exactly.
/// Training only; the evaluation never asks for them.
/// </summary>
/// <remarks>
/// Every tool task needs copying (a name into a query, a result into an answer), but in the task families the copied
/// tokens are a few of each answer, and the small model learns the families' fixed text long before it learns to
/// copy, if it ever does (see the model card). In a drill every answer token is a copy, so the attention that finds
/// a token in the question and the path that writes that same token out are trained from the first step on.
/// </remarks>
internal sealed class CopyDrillFamily : TaskFamily
{
    private static readonly string[] Separators = [", ", " ", "; ", "\n"];

    /// <summary>The family's name, as episodes and reports carry it.</summary>
    public const string FamilyName = "copy-drill";

    public override string Name => FamilyName;

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("drill.1", "Copy exactly: {x}"),
        new("drill.2", "Copy this: {x}"),
        new("drill.3", "Write back exactly what follows.\n{x}"),
        new("drill.4", "Copy the list: {x}"),
    ];

    public override Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var items = Enumerable.Range(0, Between(random, 1, 8)).Select(_ => Item(random, split)).ToList();
        var text = string.Join(Pick(random, Separators), items);
        builder.User(template.Fill(("x", text)));
        builder.Answer(text);
        return Task.FromResult<IReadOnlyList<string>>([text]);
    }

    /// <summary>One thing to copy, of the kinds the tool tasks copy.</summary>
    private static string Item(DeterministicRandom random, CorpusSplit split)
    {
        var name = PseudoWords.DrawName(random, split);
        var kind = Pick(random, DocumentLibrary.PlaceKinds);
        return random.NextInt(7) switch
        {
            0 => name.ToLowerInvariant(),
            1 => name,
            2 => $"{name} {kind}",
            3 => $"{name.ToLowerInvariant()}-{kind.ToLowerInvariant()}.md",
            4 => PickNoun(random, split),
            5 => Number(random, split).ToString(CultureInfo.InvariantCulture),
            _ => $"{Number(random, split)}.{Between(random, 0, 99):D2}",
        };
    }

    private static long Number(DeterministicRandom random, CorpusSplit split)
    {
        while (true)
        {
            long number = random.NextDouble() < 0.3 ? Between(random, 10_000, 999_999) : Operand(random);
            if (ValuePartition.IsHeldOut(number) == (split == CorpusSplit.HeldOut) || number < 10)
            {
                return number;
            }
        }
    }
}
