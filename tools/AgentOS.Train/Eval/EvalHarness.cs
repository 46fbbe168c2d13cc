using System.Diagnostics;
using AgentOS.Train.Corpus;

namespace AgentOS.Train.Eval;

/// <summary>
/// Evaluates a model file on a held-out set through llama.cpp: every trained assistant turn with teacher forcing, and
/// every task run freely against the real tools over the set's documents.
/// </summary>
public static class EvalHarness
{
    /// <summary>Runs the evaluation and returns the report.</summary>
    /// <param name="modelPath">The GGUF to evaluate.</param>
    /// <param name="heldOutPath">The held-out set (<see cref="EpisodeJson"/> lines).</param>
    /// <param name="documentsDirectory">The documents the set's retrieval tasks ask about.</param>
    /// <param name="limit">Evaluate only the first this many episodes (null: all).</param>
    /// <param name="threads">CPU threads for llama.cpp.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Stops between turns.</param>
    public static async Task<EvalReport> RunAsync(string modelPath, string heldOutPath, string documentsDirectory, int? limit, int threads, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var episodes = EpisodeJson.Read(heldOutPath);
        if (limit is { } n)
        {
            episodes = [.. episodes.Take(n)];
        }

        using var tools = CorpusTools.Open(documentsDirectory);
        using var model = LlamaTurnGenerator.Load(modelPath, contextSize: 2048, threads);
        var evaluator = new GenerationEvaluator(model, CorpusPipeline.Format, CorpusPipeline.SystemPrompt, tools.ToolBox);
        var turns = new List<TurnOutcome>();
        var runs = new List<RunOutcome>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < episodes.Count; i++)
        {
            turns.AddRange(await evaluator.ScoreTurnsAsync(episodes[i], cancellationToken).ConfigureAwait(false));
            runs.Add(await evaluator.RunAsync(episodes[i], cancellationToken).ConfigureAwait(false));
            if ((i + 1) % 50 == 0 || i + 1 == episodes.Count)
            {
                log.WriteLine($"  {i + 1}/{episodes.Count} episodes, {clock.Elapsed.TotalSeconds:F0} s; final answers right so far {runs.Count(r => r.FinalRight) * 100.0 / runs.Count:F1}%");
            }
        }

        return new EvalReport(modelPath, heldOutPath, turns, runs, clock.Elapsed);
    }
}
