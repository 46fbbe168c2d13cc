using System.Diagnostics;

namespace AgentOS.Train.Model;

/// <summary>
/// Measures training speed (forward + backward + AdamW) of a model shape on random sequences, so a
/// size can be chosen for a time budget before any corpus exists.
/// </summary>
internal static class ThroughputBenchmark
{
    /// <summary>
    /// Runs <paramref name="warmupSteps"/> unmeasured then <paramref name="steps"/> measured steps of
    /// <paramref name="sequencesPerStep"/> sequences of <paramref name="sequenceLength"/> tokens, with
    /// <paramref name="targetFraction"/> of the tokens scored. Returns tokens per second and where the time went.
    /// </summary>
    public static (double TokensPerSecond, PhaseTimes Phases) Measure(ModelConfig config, int sequenceLength, int sequencesPerStep, double targetFraction, int warmupSteps, int steps)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = new Transformer(config);
        model.Initialize(1);
        var optimizer = new AdamW(model.Layout, new AdamWSettings());
        var gradients = model.CreateParameterBuffer();
        var random = new DeterministicRandom(2);
        var sequences = new List<TrainingSequence>();
        for (int s = 0; s < sequencesPerStep; s++)
        {
            var tokens = new int[sequenceLength];
            var targets = new bool[sequenceLength];
            for (int i = 0; i < sequenceLength; i++)
            {
                tokens[i] = random.NextInt(config.VocabSize);
                targets[i] = i > 0 && random.NextDouble() < targetFraction;
            }

            sequences.Add(new TrainingSequence(tokens, targets));
        }

        var batch = TrainingBatch.FromSequences(sequences, config);
        var clock = new Stopwatch();
        var phases = new PhaseTimes();
        for (int step = 0; step < warmupSteps + steps; step++)
        {
            if (step == warmupSteps)
            {
                clock.Start();
                model.Timing = phases;
            }

            Array.Clear(gradients);
            model.ForwardBackward(batch, gradients, 1f / Math.Max(1, batch.LogitRows.Length));
            phases.Start();
            optimizer.Step(model.Weights, gradients, 1e-4f);
            phases.Lap("optimizer");
        }

        return ((double)batch.TokenCount * steps / clock.Elapsed.TotalSeconds, phases);
    }
}
