using System.Text;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Splits values (numbers, words, names, documents) between training and held-out by a stable hash, so the two
/// splits never share a value: a held-out number, word or document never appears in a training question, and a
/// model that scores on held-out must have copied it rather than remembered it.
/// </summary>
internal static class ValuePartition
{
    /// <summary>One value in five is held out.</summary>
    private const uint HeldOutModulus = 5;

    /// <summary>True when <paramref name="value"/> belongs to the held-out split. Numbers below 10 belong to both:
    /// a single digit cannot be kept out of any text.</summary>
    public static bool IsHeldOut(long value) => value is >= 10 or <= -10 && Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture)) % HeldOutModulus == 0;

    /// <summary>True when the word (or name) belongs to the held-out split.</summary>
    public static bool IsHeldOut(string word) => Hash(word.ToLowerInvariant()) % HeldOutModulus == 0;

    /// <summary>True when every value is allowed in <paramref name="split"/>: none held out for training,
    /// at least one held out for held-out episodes.</summary>
    public static bool Fits(CorpusSplit split, params long[] values) =>
        split == CorpusSplit.Train ? !values.Any(IsHeldOut) : values.Any(IsHeldOut);

    /// <summary>FNV-1a over UTF-8: stable across processes and .NET versions, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
