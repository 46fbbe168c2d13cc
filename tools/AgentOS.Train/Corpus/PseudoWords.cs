using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Made-up but pronounceable words ("branel", "tousken") drawn from syllables. There are hundreds of thousands of
/// them, so a model cannot remember which words occur: it must copy the word it is given. Real words alone (a few
/// hundred) let a small model guess a familiar word instead of copying, which is what the held-out split exposes.
/// </summary>
/// <remarks>
/// Training words draw from more of English's syllables than held-out ones (which keep the first, narrow set, so
/// the evaluation set stays the same). With the narrow set alone, letter groups such as "wh", "th", "ea" or "ck"
/// came almost only in the phrasings' own words ("what", "each"), so the tokenizer's pieces for them were never
/// copied as part of a value, and a held-out noun made of them ("whale", "canyon") lost its start far more often
/// than a made-up word did.
/// </remarks>
internal static class PseudoWords
{
    private static readonly string[] Onsets = ["b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "r", "s", "sh", "st", "t", "tr", "v", "w", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ou", "ee"];
    private static readonly string[] Codas = ["", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "rk"];

    private static readonly string[] TrainingOnsets =
        [.. Onsets, "wh", "th", "qu", "cl", "cr", "gl", "pr", "sc", "sk", "sl", "sm", "sn", "sp", "sw", "tw", "kn", "str", "thr", "y"];

    private static readonly string[] TrainingVowels = [.. Vowels, "ea", "oo", "ie", "oa", "au", "ay", "oy", "y"];

    private static readonly string[] TrainingCodas =
        [.. Codas, "ck", "ng", "nt", "st", "sh", "ch", "ll", "ss", "ft", "lt", "mp", "nk", "x", "ld", "rd", "rt", "dge", "tch"];

    /// <summary>A made-up lowercase word of two or three syllables that belongs to <paramref name="split"/>.</summary>
    public static string Draw(DeterministicRandom random, CorpusSplit split)
    {
        while (true)
        {
            var word = split == CorpusSplit.Train ? Compose(random, TrainingOnsets, TrainingVowels, TrainingCodas) : DrawAny(random);
            if (ValuePartition.IsHeldOut(word) == (split == CorpusSplit.HeldOut))
            {
                return word;
            }
        }
    }

    /// <summary>A made-up lowercase word of two or three syllables of the narrow set, four to ten letters long.</summary>
    public static string DrawAny(DeterministicRandom random) => Compose(random, Onsets, Vowels, Codas);

    /// <summary>A made-up name: a made-up word with a capital first letter.</summary>
    public static string DrawName(DeterministicRandom random) => Capitalize(DrawAny(random));

    /// <summary>A made-up name that belongs to <paramref name="split"/>.</summary>
    public static string DrawName(DeterministicRandom random, CorpusSplit split) => Capitalize(Draw(random, split));

    private static string Compose(DeterministicRandom random, string[] onsets, string[] vowels, string[] codas)
    {
        while (true)
        {
            var syllables = random.NextDouble() < 0.6 ? 2 : 3;
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ =>
                onsets[random.NextInt(onsets.Length)] + vowels[random.NextInt(vowels.Length)] + codas[random.NextInt(codas.Length)]));
            if (word.Length is >= 4 and <= 10)
            {
                return word;
            }
        }
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
