using System.CommandLine;
using System.Globalization;

namespace AgentOS.Train.Model.Commands;

/// <summary>
/// <c>agentos-train bench</c>: training speed of candidate model sizes, on the real token file or on
/// random sequences shaped like transcripts, and what a time budget buys at that speed. Timings on a
/// shared machine are noisy; run it when the machine is quiet.
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
        var data = new Option<FileInfo?>("--data") { Description = "Token file to train on (default: random sequences shaped by --prefix, --own, --targets)." };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size (random data only).", DefaultValueFactory = _ => 1563 };
        var prefix = new Option<int>("--prefix") { Description = "Tokens every random sequence shares (the system turn).", DefaultValueFactory = _ => 760 };
        var own = new Option<int>("--own") { Description = "Tokens of each random sequence after the shared prefix.", DefaultValueFactory = _ => 115 };
        var targets = new Option<double>("--targets") { Description = "Fraction of a random sequence's own tokens that are targets.", DefaultValueFactory = _ => 0.42 };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "Rows per step (shared prefix once, then each sequence's own tokens).", DefaultValueFactory = _ => 4096 };
        var steps = new Option<int>("--steps") { Description = "Measured steps per size.", DefaultValueFactory = _ => 4 };
        var minutes = new Option<double>("--minutes") { Description = "Training budget to convert speed into tokens.", DefaultValueFactory = _ => 45 };
        var threads = new Option<int>("--threads") { Description = "Threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var phases = new Option<bool>("--phases") { Description = "Also print where the time of each size goes." };
        var kernels = new Option<bool>("--kernels") { Description = "Also print GFLOP/s of each matrix product of a step, in both kernel forms." };
        var decode = new Option<bool>("--decode") { Description = "Also measure llama.cpp's prefill and decode speed for each size (prompt = the longest sequence)." };
        var command = new Command("bench", "Measure training speed (tokens/s) of model sizes.")
        {
            sizes, data, vocab, prefix, own, targets, batchTokens, steps, minutes, threads, phases, kernels, decode,
        };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            Workers.Count = result.GetValue(threads);
            var shapes = result.GetValue(sizes) is { Length: > 0 } given ? given : ["4x128x4x352", "4x192x6x512", "6x192x6x512", "4x256x8x688", "6x256x8x688", "8x256x8x688"];
            List<TrainingSequence>? real = null;
            try
            {
                real = result.GetValue(data) is { } file ? TrainingDataFile.Read(file.FullName) : null;
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }

            int vocabulary = real is null ? result.GetValue(vocab) : real.Max(s => s.Tokens.Max()) + 1;
            int longest = real?.Max(s => s.Length) ?? result.GetValue(prefix) + result.GetValue(own);
            output.WriteLine(real is null
                ? $"Random transcripts: {result.GetValue(prefix)} shared + {result.GetValue(own)} own tokens, {result.GetValue(targets):P0} of them targets; {result.GetValue(batchTokens)} rows per step; {Workers.Count} threads."
                : $"{result.GetValue(data)!.Name}: {real.Count} sequences; {result.GetValue(batchTokens)} rows per step; {Workers.Count} threads.");
            output.WriteLine("tokens/s counts every sequence whole (what a run of N tokens needs); rows/s is what the kernels compute.");
            foreach (string shape in shapes)
            {
                var parts = shape.Split('x').Select(p => int.TryParse(p, CultureInfo.InvariantCulture, out int v) ? v : -1).ToArray();
                if (parts.Length != 4 || parts.Any(p => p <= 0))
                {
                    error.WriteLine($"agentos-train: size '{shape}' is not LAYERSxDIMxHEADSxFFN.");
                    return 2;
                }

                var config = new ModelConfig(vocabulary, parts[1], parts[0], parts[2], parts[3], (longest + 63) / 64 * 64);
                var sequences = real ?? ThroughputBenchmark.SyntheticData(config, 400, result.GetValue(prefix), result.GetValue(own), result.GetValue(targets));
                var (speed, rows, times) = ThroughputBenchmark.Measure(config, sequences, result.GetValue(batchTokens), warmupSteps: 1, steps: result.GetValue(steps));
                double budget = speed * result.GetValue(minutes) * 60;
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{shape,-12} {config.ParameterCount / 1e6,5:F2} M params {config.ParameterCount * 4 / (1024.0 * 1024.0),5:F1} MiB F32 {speed,8:F0} tok/s {rows,7:F0} rows/s {budget / 1e6,6:F1} M tokens in {result.GetValue(minutes)} min"));
                if (result.GetValue(phases))
                {
                    output.Write(times.Report());
                }

                if (result.GetValue(decode))
                {
                    var (prefill, generate, bytes) = DecodeBenchmark.Measure(config, Math.Min(longest, config.ContextLength - 128), 128, Workers.Count);
                    output.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  llama.cpp: prefill {prefill:F0} tok/s, decode {generate:F0} tok/s, GGUF {bytes / (1024.0 * 1024.0):F1} MiB"));
                }

                if (result.GetValue(kernels))
                {
                    output.Write(KernelBenchmark.Run(config, result.GetValue(batchTokens)));
                }
            }

            return 0;
        });
        return command;
    }
}
