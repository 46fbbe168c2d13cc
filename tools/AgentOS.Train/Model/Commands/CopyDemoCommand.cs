using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace AgentOS.Train.Model.Commands;

/// <summary><c>agentos-train copy-demo</c>: trains a small model on the copy task and reports exact-match copying of unseen strings.</summary>
internal static class CopyDemoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var layers = new Option<int>("--layers") { DefaultValueFactory = _ => 2 };
        var dim = new Option<int>("--dim") { DefaultValueFactory = _ => 64 };
        var heads = new Option<int>("--heads") { DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 300 };
        var learningRate = new Option<float>("--lr") { DefaultValueFactory = _ => 6e-3f };
        var maxDigits = new Option<int>("--max-digits") { DefaultValueFactory = _ => 10 };
        var command = new Command("copy-demo", "Train a small model to copy digit strings (seconds) and report held-out exact-match copying.")
        {
            layers, dim, heads, steps, learningRate, maxDigits,
        };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            int digits = result.GetValue(maxDigits);
            var config = new ModelConfig(CopyTask.VocabSize, result.GetValue(dim), result.GetValue(layers), result.GetValue(heads), 2 * result.GetValue(dim), (2 * digits) + 3);
            var model = new Transformer(config);
            model.Initialize(3);
            int count = result.GetValue(steps);
            var options = new TrainingOptions { Steps = count, BatchTokens = 1024, LearningRate = result.GetValue(learningRate), WarmupSteps = count / 10, LogEvery = Math.Max(1, count / 10), EvalEvery = 0 };
            var clock = Stopwatch.StartNew();
            new Trainer(model, options, CopyTask.Generate(1, 4000, 3, digits), null, output).Run();
            double rate = CopyTask.ExactMatchRate(model, CopyTask.Generate(2, 200, 3, digits));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Held-out digit strings copied exactly: {rate:P1} after {clock.Elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }
}
