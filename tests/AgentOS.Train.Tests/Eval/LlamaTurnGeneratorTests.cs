using AgentOS.Inference;
using AgentOS.Kernel.Formats;
using AgentOS.Train.Corpus;
using AgentOS.Train.Eval;
using AgentOS.Train.Tests.Corpus;
using AgentOS.Train.Tests.Tokenizer;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Eval;

/// <summary>
/// The harness on real llama.cpp with a model of the corpus's vocabulary and random weights: tokenization of the whole
/// held-out set equals ours, and generation, parsing and scoring run end to end (the scores of random weights are
/// meaningless).
/// </summary>
[Collection(CorpusTestGroup.Name)]
public sealed class LlamaTurnGeneratorTests(CorpusFixture fixture) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"agentos-eval-{Guid.NewGuid():N}");

    [Fact]
    public void Tokenize_WholeHeldOutSet_EqualsLlamaCpp()
    {
        var path = VocabularyModelFile.Write(fixture.Build.Vocabulary, _directory);
        using var llama = LlamaModel.Load(path, new ModelOptions { VocabularyOnly = true });
        var ours = new SpmTokenizer(fixture.Build.Vocabulary);
        var theirs = new LlamaTokenizerAdapter(llama.Tokenizer);
        var encoder = new TranscriptEncoder(CorpusPipeline.Format, CorpusPipeline.SystemPrompt, fixture.Tools.ToolBox.Definitions);

        foreach (var (episode, (tokens, _)) in fixture.Build.HeldOutEpisodes.Zip(fixture.Build.HeldOut))
        {
            var segments = encoder.Render(episode);

            Assert.Equal(PromptTokenization.Tokenize(segments, theirs).Tokens, PromptTokenization.Tokenize(segments, ours).Tokens);
            Assert.Equal(llama.Tokenizer.Bos, tokens[0]);
            Assert.Equal(tokens.Skip(1), PromptTokenization.Tokenize(segments, theirs).Tokens);
        }
    }

    [Fact]
    public async Task Evaluate_RandomModel_RunsEndToEnd()
    {
        var path = VocabularyModelFile.Write(fixture.Build.Vocabulary, _directory);
        using var model = LlamaTurnGenerator.Load(path, contextSize: 2048, threads: 1);
        var evaluator = new GenerationEvaluator(model, CorpusPipeline.Format, CorpusPipeline.SystemPrompt, fixture.Tools.ToolBox) { MaxTurnTokens = 24 };
        var episodes = fixture.Build.HeldOutEpisodes.Take(6).ToList();

        var turns = new List<TurnOutcome>();
        var runs = new List<RunOutcome>();
        foreach (var episode in episodes)
        {
            turns.AddRange(await evaluator.ScoreTurnsAsync(episode));
            runs.Add(await evaluator.RunAsync(episode));
        }

        Assert.Equal(episodes.Sum(e => e.Messages.OfType<AgentOS.Kernel.Conversations.AssistantMessage>().Count() - e.UntrainedTurns.Count), turns.Count);
        Assert.Equal(episodes.Count, runs.Count);
        Assert.All(turns, t => Assert.NotNull(t.Generated));
        Assert.NotEmpty(new EvalReport(path, "heldout", turns, runs, TimeSpan.Zero).ToTable());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class LlamaTokenizerAdapter(LlamaTokenizer tokenizer) : ITextTokenizer
    {
        public IReadOnlyList<int> Tokenize(string text, bool parseSpecial) => tokenizer.Tokenize(text, addBos: false, parseSpecial);
    }
}
