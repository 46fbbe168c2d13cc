using System.Diagnostics;

namespace AgentOS.Train.Model;

/// <summary>
/// Measures training speed (forward + backward + AdamW) of a model shape, on real token files or on
/// random sequences shaped like transcripts (a shared prefix, then each sequence's own tokens), so a
/// size can be chosen for a time budget.
/// </summary>
internal static class ThroughputBenchmark
{
    /// <summary>
    /// Random sequences: <paramref name="prefix"/> tokens every sequence shares, then <paramref name="ownLength"/>
    /// of its own, of which <paramref name="targetFraction"/> are targets.
    /// </summary>
    public static List<TrainingSequence> SyntheticData(ModelConfig config, int count, int prefix, int ownLength, double targetFraction)
    {
        ArgumentNullException.ThrowIfNull(config);
        var random = new DeterministicRandom(2);
        var common = Enumerable.Range(0, prefix).Select(_ => random.NextInt(config.VocabSize)).ToArray();
        var sequences = new List<TrainingSequence>(count);
        for (int s = 0; s < count; s++)
        {
            var tokens = new int[prefix + ownLength];
            var targets = new bool[tokens.Length];
            common.CopyTo(tokens, 0);
            for (int i = prefix; i < tokens.Length; i++)
            {
                tokens[i] = random.NextInt(config.VocabSize);
                targets[i] = random.NextDouble() < targetFraction;
            }

            sequences.Add(new TrainingSequence(tokens, targets));
        }

        return sequences;
    }

    /// <summary>
    /// Runs <paramref name="warmupSteps"/> unmeasured then <paramref name="steps"/> measured steps over batches
    /// of <paramref name="data"/> (as training would cut them). Returns sequence tokens per second (each
    /// sequence counted whole, as if its prefix were computed for it), rows computed per second, and where
    /// the time went.
    /// </summary>
    public static (double TokensPerSecond, double RowsPerSecond, PhaseTimes Phases) Measure(
        ModelConfig config, IReadOnlyList<TrainingSequence> data, int batchTokens, int warmupSteps, int steps)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var model = new Transformer(config);
        model.Initialize(1);
        var optimizer = new AdamW(model.Layout, new AdamWSettings());
        var gradients = model.CreateParameterBuffer();
        var plan = new BatchPlan(data, seed: 3, batchTokens);
        var clock = new Stopwatch();
        var phases = new PhaseTimes();
        long tokens = 0, rows = 0;
        for (int step = 0; step < warmupSteps + steps; step++)
        {
            if (step == warmupSteps)
            {
                clock.Start();
                model.Timing = phases;
            }

            var sequences = plan.SequencesOf(step).Select(i => data[i]).ToList();
            var batch = TrainingBatch.FromSequences(sequences, config);
            Array.Clear(gradients);
            model.ForwardBackward(batch, gradients, 1f / Math.Max(1, batch.LogitRows.Length));
            phases.Start();
            optimizer.Step(model.Weights, gradients, 1e-4f);
            phases.Lap("optimizer");
            if (step >= warmupSteps)
            {
                tokens += sequences.Sum(s => s.Length);
                rows += batch.TokenCount;
            }
        }

        double seconds = clock.Elapsed.TotalSeconds;
        return (tokens / seconds, rows / seconds, phases);
    }
}
