using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// "Repeat after me": a few words (real or made up) and perhaps a number, answered by writing them back exactly,
/// without a tool. Copying words and numbers never seen before is what every tool task needs (into the call, out of
/// the result); here the model learns it on its own.
/// </summary>
internal sealed class RepeatFamily : TaskFamily
{
    public override string Name => "repeat";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("repeat.1", "Repeat after me: {x}"),
        new("repeat.2", "Say \"{x}\"."),
        new("repeat.3", "Please repeat \"{x}\"."),
        new("repeat.4", "Repeat this exactly: {x}"),
        new("repeat.5", "Write back these words: {x}"),
        new("repeat.6", "Can you say \"{x}\"?", HeldOut: true),
        new("repeat.7", "Echo this back: {x}", HeldOut: true),
        new("repeat.8", "Copy this exactly: {x}"),
        new("repeat.9", "Type \"{x}\"."),
        new("repeat.10", "Just repeat these words: {x}"),
        new("repeat.11", "Please write \"{x}\" exactly as I wrote it."),
        new("repeat.12", "Write \"{x}\" for me."),
        new("repeat.13", "Repeat: {x}"),
        new("repeat.14", "Could you repeat \"{x}\" back to me?"),
        new("repeat.15", "Say these words back to me: {x}"),
        new("repeat.16", "Echo \"{x}\"."),
        new("repeat.17", "Please say: {x}"),
    ];

    public override Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var words = Enumerable.Range(0, Between(random, 1, 4)).Select(_ => PickValueWord(random, split)).ToList();
        if (Chance(random, 0.5))
        {
            long number;
            do
            {
                number = Operand(random, 4);
            }
            while (split == CorpusSplit.Train && ValuePartition.IsHeldOut(number));

            words.Insert(random.NextInt(words.Count + 1), CalculatorFamily.Text(number));
        }

        var text = string.Join(' ', words);
        builder.User(template.Fill(("x", text)));
        builder.Answer(text);
        return Task.FromResult<IReadOnlyList<string>>([text]);
    }
}
