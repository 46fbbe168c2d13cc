using AgentOS.Train.Corpus;
using AgentOS.Train.Eval;
using AgentOS.Testing;

namespace AgentOS.Train.Tests.Eval;

/// <summary>The committed <c>models/agentos-tiny.gguf</c> on real llama.cpp, scored on its committed held-out set.</summary>
public sealed class DefaultModelTests
{
    [Fact]
    public async Task HeldOutCalculatorTasks_CommittedModel_AnswersWithValidCalculatorCalls()
    {
        var episodes = EpisodeJson.Read(Repository.HeldOutSet).Where(e => e.Family == "calculator").Take(5).ToList();
        using var tools = CorpusTools.Open(Repository.EvalDocuments);
        using var model = LlamaTurnGenerator.Load(Repository.DefaultModel, contextSize: 2048, threads: 1);
        var evaluator = new GenerationEvaluator(model, CorpusPipeline.Format, CorpusPipeline.SystemPrompt, tools.ToolBox);

        foreach (var episode in episodes)
        {
            var call = (await evaluator.ScoreTurnsAsync(episode))[0];

            Assert.True(call.CallParsed && call.SchemaValid && call.ToolRight, $"{episode.Task} -> {call.Generated}");
        }
    }
}
