using System.Globalization;

namespace AgentOS.Train.Model;

/// <summary>
/// Everything that decides a training run besides the model shape and the data. Two runs with equal
/// options, shape and data produce bit-identical weights, whatever the thread count.
/// </summary>
internal sealed record TrainingOptions
{
    /// <summary>Optimizer updates in the run (the cosine schedule ends here). The default, with the default batch, is agentos-tiny's recipe.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Most tokens in one step's batch: whole sequences are added in shuffled order up to this budget (a longer sequence still makes a batch of its own).</summary>
    public int BatchTokens { get; init; } = 4096;

    /// <summary>Peak learning rate (default 2e-3, reached after <see cref="WarmupSteps"/>).</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Learning rate at the last step, as a fraction of the peak (default 0.1).</summary>
    public float MinLearningRateFraction { get; init; } = 0.1f;

    /// <summary>Steps of linear warm-up (default 100, or fewer when the run is short).</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>
    /// Steps at the start during which every sequence is trained without its system turn (see
    /// <see cref="SystemTurn.Drop"/>). A short context has few tokens to attend to, so attention heads that look up
    /// a token of the task (the first token of a copy) get a strong gradient early; the full context follows.
    /// </summary>
    public int ShortContextSteps { get; init; }

    /// <summary>
    /// The last this many steps' weights are averaged into the weights the run ends with (0, the default: the last
    /// step's weights). The mean of many nearby points of the path lies nearer the middle of the valley the
    /// optimizer is wandering along than any one point; see <see cref="Trainer.ApplyAverage"/>.
    /// </summary>
    public int AveragedSteps { get; init; }

    /// <summary>AdamW constants.</summary>
    public AdamWSettings Optimizer { get; init; } = new();

    /// <summary>Seed of the initial weights and of the order in which sequences are visited.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A progress line every this many steps (default 10).</summary>
    public int LogEvery { get; init; } = 10;

    /// <summary>Validation loss every this many steps, when validation data is given; 0 = only at the end (default 250).</summary>
    public int EvalEvery { get; init; } = 250;

    /// <summary>Checkpoint file, rewritten atomically every <see cref="CheckpointEvery"/> steps and at the end; null = none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Steps between checkpoints (default 200).</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>CSV file of the loss curve (step, loss, learning rate, gradient norm, tokens/s, validation loss); null = none.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>The learning-rate schedule these options describe.</summary>
    public LearningRateSchedule Schedule =>
        new(LearningRate, LearningRate * MinLearningRateFraction, Math.Min(WarmupSteps, Steps), Steps);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (Steps < 1 || BatchTokens < 1 || LogEvery < 1 || EvalEvery < 0 || CheckpointEvery < 1 || WarmupSteps < 0)
        {
            throw new ArgumentException(
                $"Steps, batch tokens, log and checkpoint intervals must be positive, warm-up and eval interval not negative (steps {Steps}, batch tokens {BatchTokens}, warm-up {WarmupSteps}, log {LogEvery}, eval {EvalEvery}, checkpoint {CheckpointEvery}).");
        }

        if (ShortContextSteps < 0 || ShortContextSteps > Steps)
        {
            throw new ArgumentException($"The short-context steps must lie in [0, {Steps}] (the steps), not {ShortContextSteps}.");
        }

        if (AveragedSteps < 0 || AveragedSteps > Steps)
        {
            throw new ArgumentException($"The averaged steps must lie in [0, {Steps}] (the steps), not {AveragedSteps}.");
        }

        if (!(MinLearningRateFraction is >= 0 and <= 1))
        {
            throw new ArgumentException($"The minimum learning-rate fraction must lie in [0, 1], not {MinLearningRateFraction}.");
        }

        Schedule.Validate();
        Optimizer.Validate();
    }

    /// <summary>
    /// The options that decide the weights, as canonical text: a checkpoint stores it and refuses to be
    /// resumed under different ones (logging and file locations may change freely).
    /// </summary>
    /// <remarks>The short-context and averaged steps appear only when there are some.</remarks>
    public string Fingerprint() => string.Create(
        CultureInfo.InvariantCulture,
        $"steps={Steps};batch={BatchTokens};lr={LearningRate:R};min={MinLearningRateFraction:R};warmup={WarmupSteps};seed={Seed};" +
        $"b1={Optimizer.Beta1:R};b2={Optimizer.Beta2:R};eps={Optimizer.Epsilon:R};wd={Optimizer.WeightDecay:R};clip={Optimizer.ClipNorm:R}") +
        (ShortContextSteps > 0 ? string.Create(CultureInfo.InvariantCulture, $";short={ShortContextSteps}") : string.Empty) +
        (AveragedSteps > 0 ? string.Create(CultureInfo.InvariantCulture, $";avg={AveragedSteps}") : string.Empty);
}
