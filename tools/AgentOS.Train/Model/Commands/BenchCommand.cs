using System.CommandLine;
using System.Globalization;

namespace AgentOS.Train.Model.Commands;

/// <summary>
/// <c>agentos-train bench</c>: training speed of candidate model sizes on random sequences, and what a
/// time budget buys at that speed. Timings on a shared machine are noisy; run it when the machine is quiet.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var sizes = new Option<string[]>("--size")
        {
            Description = "Model sizes as LAYERSxDIMxHEADSxFFN (repeatable). Default: a ladder of small llama shapes.",
            AllowMultipleArgumentsPerToken = true,
        };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size.", DefaultValueFactory = _ => 1024 };
        var length = new Option<int>("--length") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 384 };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "Tokens per step.", DefaultValueFactory = _ => 4096 };
        var targets = new Option<double>("--targets") { Description = "Fraction of tokens scored (the assistant's share of a transcript).", DefaultValueFactory = _ => 0.35 };
        var steps = new Option<int>("--steps") { Description = "Measured steps per size.", DefaultValueFactory = _ => 4 };
        var minutes = new Option<double>("--minutes") { Description = "Training budget to convert speed into tokens.", DefaultValueFactory = _ => 45 };
        var threads = new Option<int>("--threads") { Description = "Threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var phases = new Option<bool>("--phases") { Description = "Also print where the time of each size goes." };
        var kernels = new Option<bool>("--kernels") { Description = "Also print GFLOP/s of each matrix product of a step, in both kernel forms." };
        var command = new Command("bench", "Measure training speed (tokens/s) of model sizes.")
        {
            sizes, vocab, length, batchTokens, targets, steps, minutes, threads, phases, kernels,
        };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            Workers.Count = result.GetValue(threads);
            var shapes = result.GetValue(sizes) is { Length: > 0 } given ? given : ["2x128x4x352", "4x128x4x352", "4x192x6x512", "6x192x6x512", "4x256x8x688", "6x256x8x688"];
            int sequenceLength = result.GetValue(length);
            int perStep = Math.Max(1, result.GetValue(batchTokens) / sequenceLength);
            output.WriteLine($"{perStep} sequences of {sequenceLength} tokens per step, {result.GetValue(targets):P0} scored, {Workers.Count} threads, vocabulary {result.GetValue(vocab)}.");
            foreach (string shape in shapes)
            {
                var parts = shape.Split('x').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                if (parts.Length != 4)
                {
                    result.InvocationConfiguration.Error.WriteLine($"agentos-train: size '{shape}' is not LAYERSxDIMxHEADSxFFN.");
                    return 2;
                }

                var config = new ModelConfig(result.GetValue(vocab), parts[1], parts[0], parts[2], parts[3], Math.Max(sequenceLength, 64));
                var (speed, times) = ThroughputBenchmark.Measure(config, sequenceLength, perStep, result.GetValue(targets), warmupSteps: 1, steps: result.GetValue(steps));
                double budget = speed * result.GetValue(minutes) * 60;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{shape,-14} {config.ParameterCount / 1e6,6:F2} M params  {config.ParameterCount * 4 / (1024.0 * 1024.0),5:F1} MiB F32  {speed,7:F0} tok/s  {budget / 1e6,6:F1} M tokens in {result.GetValue(minutes)} min"));
                if (result.GetValue(phases))
                {
                    output.Write(times.Report());
                }

                if (result.GetValue(kernels))
                {
                    output.Write(KernelBenchmark.Run(config, perStep * sequenceLength));
                }
            }

            return 0;
        });
        return command;
    }
}
