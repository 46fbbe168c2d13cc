using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

/// <summary>The trainer must teach a small model to copy, which llama.cpp's own trainer never managed (TRAINING.md).</summary>
public sealed class CopyTaskTests
{
    [Fact]
    public void Train_CopyDigitStrings_HeldOutStringsCopiedExactly()
    {
        // Two layers, so an attention head can find "the digit as far after SEP as this one is": a few
        // seconds of training on this machine.
        var config = new ModelConfig(CopyTask.VocabSize, Dim: 64, Layers: 2, Heads: 4, FfnDim: 128, ContextLength: 32);
        var model = new Transformer(config);
        model.Initialize(3);
        var training = CopyTask.Generate(seed: 1, count: 4000, minDigits: 3, maxDigits: 10);
        var heldOut = CopyTask.Generate(seed: 2, count: 200, minDigits: 3, maxDigits: 10);
        var options = new TrainingOptions { Steps = 300, BatchTokens = 1024, LearningRate = 6e-3f, WarmupSteps = 30, LogEvery = 100, EvalEvery = 0 };

        double before = CopyTask.ExactMatchRate(model, heldOut);
        new Trainer(model, options, training, null, TextWriter.Null).Run();
        double after = CopyTask.ExactMatchRate(model, heldOut);

        Assert.Equal(0, before);
        Assert.True(after >= 0.95, $"only {after:P1} of held-out digit strings were copied exactly");
    }

    [Fact]
    public void Generate_SameSeed_SameSequencesAndTargetsOnlyAfterSeparator()
    {
        var first = CopyTask.Generate(5, 20, 2, 6);
        var second = CopyTask.Generate(5, 20, 2, 6);
        Assert.Equal(first.SelectMany(s => s.Tokens), second.SelectMany(s => s.Tokens));
        foreach (var sequence in first)
        {
            int separator = Array.IndexOf(sequence.Tokens, CopyTask.Separator);
            Assert.All(sequence.Targets.Take(separator + 1), t => Assert.False(t));
            Assert.All(sequence.Targets.Skip(separator + 1), t => Assert.True(t));
            Assert.Equal(sequence.Tokens[1..separator], sequence.Tokens[(separator + 1)..^1]);
        }
    }
}
