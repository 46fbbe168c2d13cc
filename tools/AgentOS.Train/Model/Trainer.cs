using System.Diagnostics;
using System.Globalization;

namespace AgentOS.Train.Model;

/// <summary>
/// The training loop: batches from a <see cref="BatchPlan"/>, forward/backward, clipped AdamW under a
/// warm-up + cosine schedule, progress lines, validation loss, a metrics CSV and checkpoints.
/// </summary>
internal sealed class Trainer
{
    private readonly Transformer model;
    private readonly TrainingOptions options;
    private readonly IReadOnlyList<TrainingSequence> training;
    private readonly IReadOnlyList<TrainingSequence> validation;
    private readonly TextWriter log;
    private readonly AdamW optimizer;
    private readonly BatchPlan plan;
    private readonly ulong dataFingerprint;
    private readonly float[] gradients;

    /// <summary>Sum of the weights after each averaged step (see <see cref="TrainingOptions.AveragedSteps"/>); null without averaging.</summary>
    private readonly double[]? weightSums;

    /// <summary>
    /// A trainer for <paramref name="model"/> (its weights are used as they are: call
    /// <see cref="Transformer.Initialize"/> first, or <see cref="Resume"/>).
    /// </summary>
    public Trainer(
        Transformer model,
        TrainingOptions options,
        IReadOnlyList<TrainingSequence> training,
        IReadOnlyList<TrainingSequence>? validation,
        TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        CheckData(training, model.Config, "training");
        CheckData(validation ?? [], model.Config, "validation");
        this.model = model;
        this.options = options;
        this.training = training;
        this.validation = validation ?? [];
        this.log = log;
        optimizer = new AdamW(model.Layout, options.Optimizer);
        plan = new BatchPlan(training, options.Seed, options.BatchTokens);
        dataFingerprint = Fingerprint(training);
        gradients = model.CreateParameterBuffer();
        weightSums = options.AveragedSteps > 0 ? new double[gradients.Length] : null;
    }

    /// <summary>Steps done so far (0 for a new run; restored by <see cref="Resume"/>).</summary>
    public int StepsDone { get; private set; }

    /// <summary>Mean training loss of the last logged interval (nats per target token).</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Validation loss of the last evaluation (nats per target token), NaN before one.</summary>
    public double LastValidationLoss { get; private set; } = double.NaN;

    /// <summary>FNV-1a hash of every token and target flag, in order: identifies the data a checkpoint was trained on.</summary>
    public static ulong Fingerprint(IReadOnlyList<TrainingSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ulong hash = 14695981039346656037UL;
        void Mix(int value)
        {
            hash = (hash ^ (uint)value) * 1099511628211UL;
        }

        foreach (var sequence in sequences)
        {
            Mix(sequence.Length);
            for (int i = 0; i < sequence.Length; i++)
            {
                Mix(sequence.Tokens[i] * 2 + (sequence.Targets[i] ? 1 : 0));
            }
        }

        return hash;
    }

    /// <summary>Loads a checkpoint of this very run (same shape, options and data) and continues from its step.</summary>
    public void Resume(string checkpointPath)
    {
        StepsDone = Checkpoint.Load(checkpointPath, model, optimizer, options, dataFingerprint, weightSums);
        log.WriteLine($"Resumed from {checkpointPath} after step {StepsDone} of {options.Steps}.");
    }

    /// <summary>
    /// Trains until <see cref="TrainingOptions.Steps"/> are done or <paramref name="cancellationToken"/>
    /// fires; on cancellation the state after the last whole step is checkpointed, so nothing is lost.
    /// </summary>
    public void Run(CancellationToken cancellationToken = default)
    {
        var schedule = options.Schedule;
        long tokensTotal = training.Sum(s => (long)s.Length);
        log.WriteLine(
            $"Training {model.Config.Describe()} on {training.Count:N0} sequences ({tokensTotal:N0} tokens), " +
            $"{options.Steps:N0} steps of ≤ {options.BatchTokens:N0} tokens, peak lr {options.LearningRate}, {Workers.Count} threads.");
        using var metrics = OpenMetrics();
        var clock = Stopwatch.StartNew();
        int startStep = StepsDone;
        long intervalTokens = 0, intervalRows = 0, runTokens = 0;
        double intervalLoss = 0;
        int intervalTargets = 0;
        var intervalClock = Stopwatch.StartNew();
        while (StepsDone < options.Steps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"Stopped after step {StepsDone}.");
                SaveCheckpoint();
                return;
            }

            int step = StepsDone;
            var sequences = plan.SequencesOf(step).Select(i => training[i]).ToList();
            if (step < options.ShortContextSteps)
            {
                sequences = [.. sequences.Select(s => SystemTurn.Drop(s, plan.SharedPrefix))];
            }

            var batch = TrainingBatch.FromSequences(sequences, model.Config);
            Array.Clear(gradients);
            var (lossSum, targets) = batch.LogitRows.Length == 0
                ? (0.0, 0)
                : model.ForwardBackward(batch, gradients, 1f / batch.LogitRows.Length);
            if (!double.IsFinite(lossSum))
            {
                throw new TrainingDivergedException($"The loss is {lossSum} at step {step + 1}: training diverged. Lower the learning rate or resume from an earlier checkpoint.");
            }

            float rate = schedule.At(step);
            double gradientNorm = optimizer.Step(model.Weights, gradients, rate);
            StepsDone++;
            if (weightSums is not null && StepsDone > options.Steps - options.AveragedSteps)
            {
                var weights = model.Weights;
                for (int i = 0; i < weights.Length; i++)
                {
                    weightSums[i] += weights[i];
                }
            }
            intervalLoss += lossSum;
            intervalTargets += targets;
            // Tokens count every sequence whole (what a corpus of N tokens costs); rows are what was computed
            // once the shared prefix is laid down once per batch.
            int sequenceTokens = sequences.Sum(s => s.Length);
            intervalTokens += sequenceTokens;
            intervalRows += batch.TokenCount;
            runTokens += sequenceTokens;

            bool last = StepsDone == options.Steps;
            bool evaluate = validation.Count > 0 && (last || (options.EvalEvery > 0 && StepsDone % options.EvalEvery == 0));
            if (evaluate)
            {
                LastValidationLoss = ValidationLoss();
            }

            if (StepsDone % options.LogEvery == 0 || last || evaluate)
            {
                LastLoss = intervalTargets > 0 ? intervalLoss / intervalTargets : double.NaN;
                double seconds = Math.Max(intervalClock.Elapsed.TotalSeconds, 1e-9);
                double speed = intervalTokens / seconds;
                double rowSpeed = intervalRows / seconds;
                double perStep = clock.Elapsed.TotalSeconds / (StepsDone - startStep);
                var eta = TimeSpan.FromSeconds(perStep * (options.Steps - StepsDone));
                string validationPart = evaluate ? string.Create(CultureInfo.InvariantCulture, $" | val {LastValidationLoss:F4}") : string.Empty;
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"step {StepsDone,6}/{options.Steps} | epoch {plan.EpochOf(step):F2} | loss {LastLoss:F4}{validationPart} | lr {rate:E2} | grad {gradientNorm:F2} | {speed,6:F0} tok/s ({rowSpeed:F0} rows/s) | {Format(clock.Elapsed)} elapsed | eta {Format(eta)}"));
                metrics?.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{StepsDone},{LastLoss:R},{rate:R},{gradientNorm:R},{speed:F0},{(evaluate ? LastValidationLoss.ToString("R", CultureInfo.InvariantCulture) : string.Empty)}"));
                metrics?.Flush();
                intervalLoss = 0;
                intervalTargets = 0;
                intervalTokens = 0;
                intervalRows = 0;
                intervalClock.Restart();
            }

            if (StepsDone % options.CheckpointEvery == 0 || last)
            {
                SaveCheckpoint();
            }
        }

        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Done: {StepsDone} steps, {runTokens:N0} tokens in {Format(clock.Elapsed)} ({runTokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tok/s)."));
    }

    /// <summary>
    /// Once every step is done, replaces the model's weights by their mean over the last
    /// <see cref="TrainingOptions.AveragedSteps"/> steps (nothing to do without averaging). The validation loss is
    /// taken again, on the averaged weights.
    /// </summary>
    public void ApplyAverage()
    {
        if (weightSums is null)
        {
            return;
        }

        if (StepsDone < options.Steps)
        {
            throw new InvalidOperationException($"The weights are averaged over the last {options.AveragedSteps} steps once all {options.Steps} are done, not after {StepsDone}.");
        }

        var weights = model.Weights;
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(weightSums[i] / options.AveragedSteps);
        }

        if (validation.Count > 0)
        {
            LastValidationLoss = ValidationLoss();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Averaged the weights of the last {options.AveragedSteps} steps: validation {LastValidationLoss:F4}."));
        }
    }

    /// <summary>Mean loss per target token over the validation sequences (NaN when there are none).</summary>
    public double ValidationLoss()
    {
        double sum = 0;
        long count = 0;
        var pending = new List<TrainingSequence>();
        int tokens = 0;
        void Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }

            var batch = TrainingBatch.FromSequences(pending, model.Config);
            if (batch.LogitRows.Length > 0)
            {
                var (s, c) = model.Evaluate(batch);
                sum += s;
                count += c;
            }

            pending.Clear();
            tokens = 0;
        }

        foreach (var sequence in validation)
        {
            if (pending.Count > 0 && tokens + sequence.Length > options.BatchTokens)
            {
                Flush();
            }

            pending.Add(sequence);
            tokens += sequence.Length;
        }

        Flush();
        return count > 0 ? sum / count : double.NaN;
    }

    private static void CheckData(IReadOnlyList<TrainingSequence> sequences, ModelConfig config, string name)
    {
        for (int s = 0; s < sequences.Count; s++)
        {
            var sequence = sequences[s];
            if (sequence.Length > config.ContextLength)
            {
                throw new ArgumentException($"The {name} sequence {s} has {sequence.Length} tokens, more than the context length {config.ContextLength}.");
            }

            foreach (int token in sequence.Tokens)
            {
                if ((uint)token >= (uint)config.VocabSize)
                {
                    throw new ArgumentException($"The {name} sequence {s} holds token id {token}, outside the vocabulary of {config.VocabSize}.");
                }
            }
        }
    }

    private static string Format(TimeSpan time) =>
        time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private void SaveCheckpoint()
    {
        if (options.CheckpointPath is null)
        {
            return;
        }

        Checkpoint.Save(options.CheckpointPath, model, optimizer, options, dataFingerprint, StepsDone, weightSums);
    }

    private StreamWriter? OpenMetrics()
    {
        if (options.MetricsPath is null)
        {
            return null;
        }

        string full = Path.GetFullPath(options.MetricsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        bool fresh = StepsDone == 0 || !File.Exists(full);
        var writer = new StreamWriter(full, append: !fresh);
        if (fresh)
        {
            writer.WriteLine("step,loss,learning_rate,gradient_norm,tokens_per_second,validation_loss");
        }

        return writer;
    }
}
