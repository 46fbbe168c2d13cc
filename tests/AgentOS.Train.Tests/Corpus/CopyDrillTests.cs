using AgentOS.Kernel.Conversations;
using AgentOS.Train.Corpus;

namespace AgentOS.Train.Tests.Corpus;

[Collection(CorpusTestGroup.Name)]
public sealed class CopyDrillTests(CorpusFixture fixture)
{
    private IReadOnlyList<Episode> Drills => [.. fixture.Build.TrainEpisodes.Where(e => e.Family == CopyDrillFamily.FamilyName)];

    [Fact]
    public void Drills_AreAddedToTrainingOnly()
    {
        Assert.Equal(CorpusFixture.Options.CopyDrills, Drills.Count);
        Assert.Equal(CorpusFixture.Options.TrainEpisodes + CorpusFixture.Options.CopyDrills, fixture.Build.Train.Count);
        Assert.DoesNotContain(fixture.Build.HeldOutEpisodes, e => e.Family == CopyDrillFamily.FamilyName);
    }

    [Fact]
    public void Drill_AnswerIsTheQuestionsListWordForWord()
    {
        foreach (var drill in Drills)
        {
            var answer = Assert.Single(drill.Messages.OfType<AssistantMessage>());

            Assert.Empty(answer.ToolCalls);
            Assert.EndsWith(answer.Text!, drill.Task, StringComparison.Ordinal);
            Assert.Equal([answer.Text!], drill.AnswerContains);
        }
    }

    [Fact]
    public void Drills_CopyNamesFileNamesAndNumbers()
    {
        var answers = Drills.Select(d => d.AnswerContains[0]).ToList();

        Assert.Contains(answers, a => a.Contains(".md", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Any(char.IsAsciiDigit));
        Assert.Contains(answers, a => a.Contains(" Tower", StringComparison.Ordinal) || a.Contains(" Bridge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drills_ChangeNoOtherEpisodeAndNotTheVocabulary()
    {
        var options = CorpusFixture.Options with { CopyDrills = 0 };

        var without = await CorpusPipeline.BuildAsync(options, fixture.Build.Documents, fixture.Tools.ToolBox, TextWriter.Null);

        Assert.Equal(
            without.TrainEpisodes.Select(EpisodeJson.ToLine),
            fixture.Build.TrainEpisodes.Where(e => e.Family != CopyDrillFamily.FamilyName).Select(EpisodeJson.ToLine));
        Assert.Equal(without.HeldOutEpisodes.Select(EpisodeJson.ToLine), fixture.Build.HeldOutEpisodes.Select(EpisodeJson.ToLine));
        Assert.Equal(without.Vocabulary.Tokens, fixture.Build.Vocabulary.Tokens);
    }
}
