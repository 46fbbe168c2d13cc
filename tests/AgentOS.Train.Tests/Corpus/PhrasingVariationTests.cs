using System.Text.RegularExpressions;
using AgentOS.Kernel.Conversations;
using AgentOS.Train.Corpus;
using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Corpus;

[Collection(CorpusTestGroup.Name)]
public sealed partial class PhrasingVariationTests(CorpusFixture fixture)
{
    private static readonly PhrasingTemplate Say = new("repeat.2", "Say \"{x}\".");
    private static readonly PhrasingTemplate CanYouSay = new("repeat.6", "Can you say \"{x}\"?", HeldOut: true);

    [Fact]
    public void Vary_NeverComesWithinTwoWordsOfAHeldOutTemplate()
    {
        var seen = new HashSet<string>();
        for (ulong stream = 0; stream < 500; stream++)
        {
            var varied = PhrasingVariation.Vary(Say, share: 1, [CanYouSay], new DeterministicRandom(3, stream));
            seen.Add(varied.Text);

            Assert.DoesNotContain("can you say", varied.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("could you say", varied.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("please say", varied.Text, StringComparison.OrdinalIgnoreCase);
        }

        // Lead-ins, tails and lower case still give it many forms.
        Assert.True(seen.Count > 20, string.Join(" | ", seen));
    }

    [Fact]
    public void Vary_KeepsTheIdAndTheHolesInOrder()
    {
        var generator = new CorpusGenerator(fixture.Tools.ToolBox, fixture.Build.Documents);
        var heldOut = generator.TaskFamilies.SelectMany(f => f.Templates).Where(t => t.HeldOut).ToList();
        var changed = 0;
        foreach (var template in generator.TaskFamilies.SelectMany(f => f.Templates).Where(t => !t.HeldOut))
        {
            for (ulong stream = 0; stream < 5; stream++)
            {
                var varied = PhrasingVariation.Vary(template, share: 1, heldOut, new DeterministicRandom(5, stream));

                Assert.Equal(template.Id, varied.Id);
                Assert.Equal(Holes(template.Text), Holes(varied.Text));
                changed += varied.Text == template.Text ? 0 : 1;
            }
        }

        Assert.True(changed > 0);
    }

    [Fact]
    public void Vary_Imperative_BecomesARequest()
    {
        var sort = new PhrasingTemplate("sort-up.2", "Sort {list} from smallest to largest.");
        var texts = Enumerable.Range(0, 200)
            .Select(i => PhrasingVariation.Vary(sort, share: 1, [], new DeterministicRandom(9, (ulong)i)).Text)
            .ToList();

        Assert.Contains(texts, t => t.Contains("you sort {list} from smallest to largest?", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("lease sort {list} from smallest to largest.", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("..", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_VariesTrainingRequestsOnly_AndChangesNothingElse()
    {
        var generator = new CorpusGenerator(fixture.Tools.ToolBox, fixture.Build.Documents);
        var seed = CorpusFixture.Options.Seed;

        var plain = await generator.GenerateAsync(CorpusSplit.Train, 1000, seed, phrasingVariation: 0);
        var varied = await generator.GenerateAsync(CorpusSplit.Train, 1000, seed, phrasingVariation: 1);
        var heldOutPlain = await generator.GenerateAsync(CorpusSplit.HeldOut, 100, seed, phrasingVariation: 0);
        var heldOutVaried = await generator.GenerateAsync(CorpusSplit.HeldOut, 100, seed, phrasingVariation: 1);

        Assert.Equal(heldOutPlain.Select(EpisodeJson.ToLine), heldOutVaried.Select(EpisodeJson.ToLine));
        var reworded = 0;
        foreach (var (a, b) in plain.Zip(varied))
        {
            // Same task: template, calls, tool results and answer; only the request's wording may differ.
            Assert.Equal(a.Template, b.Template);
            Assert.Equal(EpisodeJson.ToLine(WithoutRequest(a)), EpisodeJson.ToLine(WithoutRequest(b)));
            if (a.Task != b.Task)
            {
                reworded++;
                Assert.NotEqual("direct", a.Family);
            }
        }

        Assert.True(reworded > 500, $"{reworded} of 1000 reworded");
    }

    private static Episode WithoutRequest(Episode episode) => episode with { Messages = [new UserMessage("?"), .. episode.Messages.Skip(1)] };

    private static List<string> Holes(string text) => [.. HolePattern().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex HolePattern();
}
