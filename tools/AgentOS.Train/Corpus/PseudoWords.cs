using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Made-up but pronounceable words ("branel", "tousken") drawn from syllables. There are hundreds of thousands of
/// them, so a model cannot remember which words occur: it must copy the word it is given. Real words alone (a few
/// hundred) let a small model guess a familiar word instead of copying, which is what the held-out split exposes.
/// </summary>
internal static class PseudoWords
{
    private static readonly string[] Onsets = ["b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "r", "s", "sh", "st", "t", "tr", "v", "w", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ee"];
    private static readonly string[] Codas = ["", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "rk"];

    /// <summary>A made-up lowercase word of two or three syllables that belongs to <paramref name="split"/>.</summary>
    public static string Draw(DeterministicRandom random, CorpusSplit split)
    {
        while (true)
        {
            var word = DrawAny(random);
            if (ValuePartition.IsHeldOut(word) == (split == CorpusSplit.HeldOut))
            {
                return word;
            }
        }
    }

    /// <summary>A made-up lowercase word of two or three syllables, four to ten letters long.</summary>
    public static string DrawAny(DeterministicRandom random)
    {
        while (true)
        {
            var syllables = random.NextDouble() < 0.6 ? 2 : 3;
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ =>
                Onsets[random.NextInt(Onsets.Length)] + Vowels[random.NextInt(Vowels.Length)] + Codas[random.NextInt(Codas.Length)]));
            if (word.Length is >= 4 and <= 10)
            {
                return word;
            }
        }
    }

    /// <summary>A made-up name: a made-up word with a capital first letter.</summary>
    public static string DrawName(DeterministicRandom random) => Capitalize(DrawAny(random));

    /// <summary>A made-up name that belongs to <paramref name="split"/>.</summary>
    public static string DrawName(DeterministicRandom random, CorpusSplit split) => Capitalize(Draw(random, split));

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
