using System.Diagnostics;
using System.Globalization;
using AgentOS.Daemon.Scheduling;
using AgentOS.Inference;
using AgentOS.Kernel.Runs;
using AgentOS.Testing;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>
/// Aggregate generated tokens/s of N runs sharing one model through the <see cref="BatchScheduler"/>,
/// against the same N runs one at a time, for N = 1, 2, 4, 8, measured side by side in one process:
/// <c>dotnet AgentOS.Daemon.Tests.dll bench-scheduler [MODEL.gguf] [TOKENS-PER-RUN] [THREADS]</c>.
/// Prints a Markdown table for docs/benchmarks.md. Not a test: speed is measured here, never asserted.
/// </summary>
public static class SchedulerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelPath = args.Length > 0 && args[0].Length > 0 ? args[0] : TestModels.BenchmarkLlamaPath;
        var tokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        int? threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
        using var model = LlamaModel.Load(modelPath);
        Console.WriteLine($"model: {Path.GetFileName(modelPath)} ({model.Metadata.Description}), {tokens} tokens per run, threads: {threads?.ToString(CultureInfo.InvariantCulture) ?? "default"}, cores: {Environment.ProcessorCount}");
        Console.WriteLine();
        Console.WriteLine("| concurrent runs | one at a time (tok/s) | batched (tok/s) | speed-up | sequences per decode |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var runs in new[] { 1, 2, 4, 8 })
        {
            var options = new ContextOptions { ContextSize = runs * (tokens + 64), MaxSequences = runs, Threads = threads };
            // Warm-up, so the first measurement does not pay for first-touch allocations.
            using (var warm = new BatchScheduler(model, options))
            {
                await GenerateAsync(warm, model, 0, 8);
            }

            double sequential;
            using (var scheduler = new BatchScheduler(model, options))
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < runs; i++)
                {
                    await GenerateAsync(scheduler, model, i, tokens);
                }

                sequential = runs * tokens / clock.Elapsed.TotalSeconds;
            }

            double batched;
            double width;
            using (var scheduler = new BatchScheduler(model, options))
            {
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, runs).Select(i => Task.Run(() => GenerateAsync(scheduler, model, i, tokens))));
                batched = runs * tokens / clock.Elapsed.TotalSeconds;
                width = scheduler.Stats.AverageBatchWidth;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {runs} | {sequential:0} | {batched:0} | {batched / sequential:0.00}x | {width:0.00} |"));
        }

        return 0;
    }

    private static async Task GenerateAsync(BatchScheduler scheduler, LlamaModel model, int run, int count)
    {
        await using var sequence = await scheduler.OpenSequenceAsync(CancellationToken.None);
        using var sampler = scheduler.CreateSampler(new AgentSamplingOptions { Temperature = 0 });
        var prompt = model.Tokenizer.Tokenize($"Run {run}: write a long story about the number {run * 7}.", addBos: false, parseSpecial: false);
        await sequence.AppendAsync(prompt, CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            var token = await sequence.SampleAsync(sampler, CancellationToken.None);
            await sequence.AppendAsync([token], CancellationToken.None);
        }
    }
}
