using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// A kind of task (arithmetic, text, documents, …) in many phrasings. Each template's id starts with the task kind it
/// asks for (<c>reverse.3</c>); the family draws values that fit the split, writes the transcript through the real
/// tools, and says what a correct answer contains.
/// </summary>
internal abstract class TaskFamily
{
    /// <summary>The family's name as reports show it.</summary>
    public abstract string Name { get; }

    /// <summary>All phrasing templates, held-out ones included.</summary>
    public abstract IReadOnlyList<PhrasingTemplate> Templates { get; }

    /// <summary>
    /// Writes one episode for <paramref name="template"/> into <paramref name="builder"/>: the user's message, the
    /// calls and the answer. Returns the strings the answer must contain.
    /// </summary>
    public abstract Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder);

    /// <summary>The task kind of a template: its id up to the dot.</summary>
    protected static string KindOf(PhrasingTemplate template) => template.Id[..template.Id.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>Picks one item uniformly.</summary>
    protected static T Pick<T>(DeterministicRandom random, IReadOnlyList<T> items) => items[random.NextInt(items.Count)];

    /// <summary>Picks a word of <paramref name="words"/> that belongs to <paramref name="split"/>.</summary>
    protected static string PickWord(DeterministicRandom random, IReadOnlyList<string> words, CorpusSplit split)
    {
        while (true)
        {
            var word = Pick(random, words);
            if (ValuePartition.IsHeldOut(word) == (split == CorpusSplit.HeldOut))
            {
                return word;
            }
        }
    }

    /// <summary>A word to work on: a real noun or a made-up word, half and half, belonging to <paramref name="split"/>.</summary>
    protected static string PickValueWord(DeterministicRandom random, CorpusSplit split) =>
        random.NextDouble() < 0.5 ? PickNoun(random, split) : PseudoWords.Draw(random, split);

    /// <summary>A real noun belonging to <paramref name="split"/>: training draws from <see cref="WordLists.TrainingNouns"/>,
    /// held-out from <see cref="WordLists.Nouns"/>.</summary>
    protected static string PickNoun(DeterministicRandom random, CorpusSplit split) =>
        PickWord(random, split == CorpusSplit.Train ? WordLists.TrainingNouns : WordLists.Nouns, split);

    /// <summary>Picks a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    protected static int Between(DeterministicRandom random, int min, int max) => min + random.NextInt(max - min + 1);

    /// <summary>A number with 1 to 4 digits, shorter ones more often.</summary>
    protected static int Operand(DeterministicRandom random, int maxDigits = 4)
    {
        var digits = Math.Min(maxDigits, random.NextDouble() switch { < 0.2 => 1, < 0.6 => 2, < 0.9 => 3, _ => 4 });
        return digits == 1 ? Between(random, 0, 9) : Between(random, (int)Math.Pow(10, digits - 1), (int)Math.Pow(10, digits) - 1);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    protected static bool Chance(DeterministicRandom random, double p) => random.NextDouble() < p;
}
