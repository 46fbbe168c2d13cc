using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

public sealed class TrainerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("agentos-trainer-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static ModelConfig Config => new(VocabSize: 29, Dim: 32, Layers: 2, Heads: 4, FfnDim: 48, ContextLength: 48);

    private static List<TrainingSequence> Data(int count, ulong seed = 3)
    {
        var random = new DeterministicRandom(seed);
        var lengths = Enumerable.Range(0, count).Select(_ => 5 + random.NextInt(40)).ToArray();
        return TinyModels.Sequences(Config, seed, lengths);
    }

    private TrainingOptions Options(int steps) => new()
    {
        Steps = steps,
        BatchTokens = 200,
        LearningRate = 3e-3f,
        WarmupSteps = 3,
        LogEvery = 1,
        EvalEvery = 4,
        CheckpointEvery = 4,
        CheckpointPath = Path.Combine(directory, "run.ckpt"),
        Seed = 9,
    };

    private static Transformer Fresh(ulong seed = 9)
    {
        var model = new Transformer(Config);
        model.Initialize(seed);
        return model;
    }

    [Fact]
    public void Run_OneThreadOrTwo_BitIdenticalWeights()
    {
        var data = Data(40);
        int saved = Workers.Count;
        try
        {
            Workers.Count = 1;
            var single = Fresh();
            new Trainer(single, Options(6) with { CheckpointPath = null }, data, null, TextWriter.Null).Run();
            Workers.Count = 2;
            var dual = Fresh();
            new Trainer(dual, Options(6) with { CheckpointPath = null }, data, null, TextWriter.Null).Run();
            Assert.Equal(single.Weights, dual.Weights);
        }
        finally
        {
            Workers.Count = saved;
        }
    }

    [Fact]
    public void Run_LossFalls_AndValidationLossIsReported()
    {
        // Random tokens have nothing to learn that carries over to new ones; the copy task has.
        var data = CopyTask.Generate(1, 200, 2, 8);
        var model = Fresh();
        var log = new StringWriter();
        var trainer = new Trainer(model, Options(40) with { CheckpointPath = null, LogEvery = 40, EvalEvery = 0 }, data, CopyTask.Generate(2, 20, 2, 8), log);
        double initial = trainer.ValidationLoss();
        trainer.Run();
        Assert.True(trainer.LastValidationLoss < initial, $"validation loss went from {initial} to {trainer.LastValidationLoss}");
        Assert.Contains("step     40/40", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("tok/s", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_FromCheckpointMidRun_SameWeightsAsUninterruptedRun()
    {
        var data = Data(40);
        var straight = Fresh();
        new Trainer(straight, Options(10) with { CheckpointPath = Path.Combine(directory, "straight.ckpt") }, data, null, TextWriter.Null).Run();

        // Stop after 4 steps (the checkpoint interval), then continue in a new trainer on a new model.
        var first = Fresh();
        using (var cancel = new CancellationTokenSource())
        {
            var log = new CallbackWriter(line =>
            {
                if (line.StartsWith("step      4/", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            });
            new Trainer(first, Options(10), data, null, log).Run(cancel.Token);
        }

        var resumed = new Transformer(Config);
        var trainer = new Trainer(resumed, Options(10), data, null, TextWriter.Null);
        trainer.Resume(Options(10).CheckpointPath!);
        Assert.Equal(4, trainer.StepsDone);
        trainer.Run();
        Assert.Equal(straight.Weights, resumed.Weights);
    }

    [Fact]
    public void ApplyAverage_GivesTheMeanOfTheLastStepsWeights()
    {
        var model = Fresh();
        using var cancel = new CancellationTokenSource();
        var log = new CallbackWriter(line =>
        {
            if (line.StartsWith("step      5/", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });
        var trainer = new Trainer(model, Options(6) with { CheckpointPath = null, AveragedSteps = 2 }, Data(40), null, log);
        trainer.Run(cancel.Token);
        var afterFive = model.Weights.ToArray();
        Assert.Throws<InvalidOperationException>(trainer.ApplyAverage);

        trainer.Run();
        var afterSix = model.Weights.ToArray();
        trainer.ApplyAverage();

        Assert.NotEqual(afterFive, afterSix);
        Assert.Equal(afterFive.Zip(afterSix, (a, b) => (float)(((double)a + b) / 2)), model.Weights);
    }

    [Fact]
    public void ApplyAverage_WithoutAveraging_KeepsTheLastStepsWeights()
    {
        var model = Fresh();
        var trainer = new Trainer(model, Options(4) with { CheckpointPath = null }, Data(20), null, TextWriter.Null);
        trainer.Run();
        var last = model.Weights.ToArray();

        trainer.ApplyAverage();

        Assert.Equal(last, model.Weights);
    }

    [Fact]
    public void Resume_InsideTheAveragedSteps_SameAverageAsUninterruptedRun()
    {
        var data = Data(40);
        var options = Options(10) with { AveragedSteps = 6 };
        var straight = Fresh();
        var straightTrainer = new Trainer(straight, options with { CheckpointPath = Path.Combine(directory, "straight.ckpt") }, data, null, TextWriter.Null);
        straightTrainer.Run();
        straightTrainer.ApplyAverage();

        // Stop after step 7, three steps into the average; the stop writes a checkpoint.
        using (var cancel = new CancellationTokenSource())
        {
            var log = new CallbackWriter(line =>
            {
                if (line.StartsWith("step      7/", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            });
            new Trainer(Fresh(), options, data, null, log).Run(cancel.Token);
        }

        var resumed = new Transformer(Config);
        var trainer = new Trainer(resumed, options, data, null, TextWriter.Null);
        trainer.Resume(options.CheckpointPath!);
        Assert.Equal(7, trainer.StepsDone);
        trainer.Run();
        trainer.ApplyAverage();

        Assert.Equal(straight.Weights, resumed.Weights);
    }

    [Fact]
    public void Resume_OtherOptions_ThrowsAndNamesBoth()
    {
        var data = Data(20);
        new Trainer(Fresh(), Options(4), data, null, TextWriter.Null).Run();
        var trainer = new Trainer(Fresh(), Options(4) with { LearningRate = 1e-3f }, data, null, TextWriter.Null);
        var error = Assert.Throws<CheckpointException>(() => trainer.Resume(Options(4).CheckpointPath!));
        Assert.Contains("lr=0.003", error.Message, StringComparison.Ordinal);
        Assert.Contains("lr=0.001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_OtherData_Throws()
    {
        new Trainer(Fresh(), Options(4), Data(20), null, TextWriter.Null).Run();
        var trainer = new Trainer(Fresh(), Options(4), Data(20, seed: 8), null, TextWriter.Null);
        var error = Assert.Throws<CheckpointException>(() => trainer.Resume(Options(4).CheckpointPath!));
        Assert.Contains("other data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_TruncatedCheckpoint_ThrowsAndLeavesWeightsUsable()
    {
        new Trainer(Fresh(), Options(4), Data(20), null, TextWriter.Null).Run();
        string path = Options(4).CheckpointPath!;
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var trainer = new Trainer(Fresh(), Options(4), Data(20), null, TextWriter.Null);
        var error = Assert.Throws<CheckpointException>(() => trainer.Resume(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_MissingOrForeignFile_ThrowsClearly()
    {
        var trainer = new Trainer(Fresh(), Options(4), Data(20), null, TextWriter.Null);
        Assert.Contains("does not exist", Assert.Throws<CheckpointException>(() => trainer.Resume(Path.Combine(directory, "none.ckpt"))).Message, StringComparison.Ordinal);
        string foreign = Path.Combine(directory, "foreign.ckpt");
        File.WriteAllText(foreign, "not a checkpoint at all");
        Assert.Contains("not an AgentOS training checkpoint", Assert.Throws<CheckpointException>(() => trainer.Resume(foreign)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_OtherModelShape_Throws()
    {
        new Trainer(Fresh(), Options(4), Data(20), null, TextWriter.Null).Run();
        var other = new Transformer(Config with { FfnDim = 64 });
        var trainer = new Trainer(other, Options(4), Data(20), null, TextWriter.Null);
        Assert.Throws<CheckpointException>(() => trainer.Resume(Options(4).CheckpointPath!));
    }

    [Fact]
    public void Constructor_SequenceLongerThanContext_Throws()
    {
        var data = TinyModels.Sequences(Config, 1, 10, Config.ContextLength + 1);
        var error = Assert.Throws<ArgumentException>(() => new Trainer(Fresh(), Options(4), data, null, TextWriter.Null));
        Assert.Contains("context length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TokenOutsideVocabulary_Throws()
    {
        var data = new List<TrainingSequence> { new([1, 2, Config.VocabSize], [false, true, true]) };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(Fresh(), Options(4), data, null, TextWriter.Null));
        Assert.Contains("outside the vocabulary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HugeLearningRate_ThrowsDiverged()
    {
        var options = Options(30) with { LearningRate = 1e6f, Optimizer = new AdamWSettings(ClipNorm: 0, WeightDecay: 0), CheckpointPath = null };
        Assert.Throws<TrainingDivergedException>(() => new Trainer(Fresh(), options, Data(20), null, TextWriter.Null).Run());
    }

    [Fact]
    public void Run_MetricsFile_HasHeaderAndOneRowPerLoggedStep()
    {
        string metrics = Path.Combine(directory, "metrics.csv");
        new Trainer(Fresh(), Options(6) with { MetricsPath = metrics, LogEvery = 2, EvalEvery = 0 }, Data(20), null, TextWriter.Null).Run();
        var lines = File.ReadAllLines(metrics);
        Assert.Equal("step,loss,learning_rate,gradient_norm,tokens_per_second,validation_loss", lines[0]);
        Assert.Equal(["2", "4", "6"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Trainer_MoreShortContextStepsThanSteps_Throws()
    {
        var options = Options(4) with { ShortContextSteps = 5 };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(Fresh(), options, Data(20), null, TextWriter.Null));
        Assert.Contains("short-context steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trainer_MoreAveragedStepsThanSteps_Throws()
    {
        var options = Options(4) with { AveragedSteps = 5 };
        var error = Assert.Throws<ArgumentException>(() => new Trainer(Fresh(), options, Data(20), null, TextWriter.Null));
        Assert.Contains("averaged steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_UnderOtherAveragedSteps_IsRefused()
    {
        var data = Data(20);
        new Trainer(Fresh(), Options(4) with { AveragedSteps = 2 }, data, null, TextWriter.Null).Run();
        var other = new Trainer(Fresh(), Options(4), data, null, TextWriter.Null);
        var error = Assert.Throws<CheckpointException>(() => other.Resume(Path.Combine(directory, "run.ckpt")));
        Assert.Contains("avg=2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_UnderOtherShortContextSteps_IsRefused()
    {
        var data = TinyModels.WithSharedPrefix(Config, seed: 4, prefix: 12, 20, 25, 30, 22);
        new Trainer(Fresh(), Options(4) with { ShortContextSteps = 2 }, data, null, TextWriter.Null).Run();
        var other = new Trainer(Fresh(), Options(4), data, null, TextWriter.Null);
        Assert.Throws<CheckpointException>(() => other.Resume(Path.Combine(directory, "run.ckpt")));
    }

    private sealed class CallbackWriter(Action<string> onLine) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => onLine(value ?? string.Empty);
    }
}
