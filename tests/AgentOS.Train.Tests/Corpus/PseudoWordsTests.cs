using AgentOS.Train.Corpus;
using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Corpus;

public sealed class PseudoWordsTests
{
    private static List<string> DrawMany(CorpusSplit split, int count)
    {
        var random = new DeterministicRandom(5);
        return [.. Enumerable.Range(0, count).Select(_ => PseudoWords.Draw(random, split))];
    }

    [Fact]
    public void Training_WordsHaveTheLetterGroupsOfEnglishWordsThatHeldOutOnesLack()
    {
        var training = DrawMany(CorpusSplit.Train, 4000);
        var heldOut = DrawMany(CorpusSplit.HeldOut, 4000);

        foreach (var group in new[] { "wh", "qu", "ea", "oo", "ck", "ay" })
        {
            Assert.True(training.Count(w => w.Contains(group, StringComparison.Ordinal)) >= 20, $"\"{group}\" is in too few training words.");
            Assert.False(heldOut.Any(w => w.Contains(group, StringComparison.Ordinal)), $"\"{group}\" in a held-out word: {heldOut.FirstOrDefault(w => w.Contains(group, StringComparison.Ordinal))}");
        }
    }

    [Fact]
    public void EverySplit_WordsAreLowercaseLettersOfFourToTenAndKeepToTheirSplit()
    {
        foreach (var split in new[] { CorpusSplit.Train, CorpusSplit.HeldOut })
        {
            Assert.All(DrawMany(split, 2000), word =>
            {
                Assert.Matches("^[a-z]{4,10}$", word);
                Assert.Equal(split == CorpusSplit.HeldOut, ValuePartition.IsHeldOut(word));
            });
        }
    }
}
