using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AgentOS.Inference.Gguf;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Model.Commands;

/// <summary>
/// <c>agentos-train train</c>: trains a model on token files written by the corpus pipeline and writes
/// the GGUF. Every option that changes the weights has a fixed default, so a run is reproduced by
/// repeating its command line.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Token file of the training sequences.", Required = true };
        var validation = new Option<FileInfo?>("--validation") { Description = "Token file of held-out sequences: validation loss during training." };
        var vocabulary = new Option<FileInfo>("--vocabulary") { Description = "Vocabulary (JSON) of the tokenizer the token files were made with.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "GGUF file to write at the end.", Required = true };
        var chatTemplate = new Option<FileInfo?>("--chat-template") { Description = "File with the Jinja chat template to embed (default: ChatML)." };
        var name = new Option<string>("--name") { Description = "general.name of the GGUF.", DefaultValueFactory = _ => "agentos-tiny" };

        var layers = IntOption("--layers", "Transformer blocks.", 4);
        var dim = IntOption("--dim", "Width of the residual stream.", 192);
        var heads = IntOption("--heads", "Attention heads (dim must be a multiple).", 6);
        var ffn = IntOption("--ffn", "Hidden width of the SwiGLU feed-forward.", 512);
        var context = IntOption("--context", "Context length; 0 = the longest sequence rounded up to a multiple of 64.", 0);
        var ropeBase = new Option<float>("--rope-base") { Description = "Rotary frequency base.", DefaultValueFactory = _ => 10000f };
        var tied = new Option<bool>("--tied-embeddings") { Description = "Use the token embedding as the output head." };

        var defaults = new TrainingOptions();
        var steps = IntOption("--steps", "Optimizer steps.", defaults.Steps);
        var batchTokens = IntOption("--batch-tokens", "Most tokens per step (whole sequences).", defaults.BatchTokens);
        var learningRate = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var minFraction = new Option<float>("--min-lr-fraction") { Description = "Final learning rate as a fraction of the peak.", DefaultValueFactory = _ => defaults.MinLearningRateFraction };
        var warmup = IntOption("--warmup", "Warm-up steps.", defaults.WarmupSteps);
        var shortContext = IntOption("--short-context-steps", "Steps at the start that train every transcript without its system turn.", defaults.ShortContextSteps);
        var averaged = IntOption("--average-last", "Write the mean of the weights after each of the last this many steps (0 = the last step's weights).", defaults.AveragedSteps);
        var lastStepOutput = new Option<FileInfo?>("--last-step-out") { Description = "With --average-last N > 0: also write the last step's weights to this GGUF, to compare the two." };
        var weightDecay = new Option<float>("--weight-decay") { Description = "AdamW decay of the matrices.", DefaultValueFactory = _ => defaults.Optimizer.WeightDecay };
        var beta2 = new Option<float>("--beta2") { Description = "AdamW β₂.", DefaultValueFactory = _ => defaults.Optimizer.Beta2 };
        var clip = new Option<float>("--clip") { Description = "Global gradient-norm clip (0 = off).", DefaultValueFactory = _ => defaults.Optimizer.ClipNorm };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and of the data order.", DefaultValueFactory = _ => defaults.Seed };
        var threads = IntOption("--threads", "Threads (results do not depend on it).", Environment.ProcessorCount);
        var logEvery = IntOption("--log-every", "Steps between progress lines.", defaults.LogEvery);
        var evalEvery = IntOption("--eval-every", "Steps between validation losses (0 = only at the end).", defaults.EvalEvery);
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Checkpoint file, rewritten every --checkpoint-every steps, at the end and on Ctrl+C." };
        var checkpointEvery = IntOption("--checkpoint-every", "Steps between checkpoints.", defaults.CheckpointEvery);
        var resume = new Option<bool>("--resume") { Description = "Continue from --checkpoint (same data and options) instead of starting afresh." };
        var metrics = new Option<FileInfo?>("--metrics") { Description = "CSV of the loss curve." };

        var command = new Command("train", "Train a llama-architecture model on token files and write it as a GGUF.")
        {
            train, validation, vocabulary, output, chatTemplate, name,
            layers, dim, heads, ffn, context, ropeBase, tied,
            steps, batchTokens, learningRate, minFraction, warmup, shortContext, averaged, lastStepOutput, weightDecay, beta2, clip, seed, threads,
            logEvery, evalEvery, checkpoint, checkpointEvery, resume, metrics,
        };

        // Ctrl+C cancels the token: the trainer finishes its step, writes the checkpoint and stops.
        command.SetAction((result, cancellationToken) => Task.FromResult(Execute(result, cancellationToken)));
        return command;

        int Execute(ParseResult result, CancellationToken cancellationToken)
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            string outputPath = result.GetRequiredValue(output).FullName;
            string? lastStepPath = result.GetValue(lastStepOutput)?.FullName;
            if (lastStepPath is not null && result.GetValue(averaged) <= 0)
            {
                // Without averaging the last step's weights are the model itself: a second file would only copy --out.
                error.WriteLine("agentos-train: --last-step-out needs --average-last N with N > 0 (without averaging, --out already holds the last step's weights).");
                return 2;
            }

            if (lastStepPath is not null && string.Equals(lastStepPath, outputPath, StringComparison.Ordinal))
            {
                error.WriteLine("agentos-train: --last-step-out and --out name the same file; the averaged model would overwrite the last step's.");
                return 2;
            }

            try
            {
                var trainingData = TrainingDataFile.Read(result.GetRequiredValue(train).FullName);
                var validationFile = result.GetValue(validation);
                var validationData = validationFile is null ? null : TrainingDataFile.Read(validationFile.FullName);
                var vocab = GgufExport.ToGguf(Vocabulary.Load(result.GetRequiredValue(vocabulary).FullName));
                string template = result.GetValue(chatTemplate) is { } templateFile ? File.ReadAllText(templateFile.FullName) : GgufChatTemplates.ChatML;

                int longest = trainingData.Concat(validationData ?? []).Max(s => s.Length);
                int contextLength = result.GetValue(context) is > 0 and var c ? c : (longest + 63) / 64 * 64;
                var config = new ModelConfig(vocab.Count, result.GetValue(dim), result.GetValue(layers), result.GetValue(heads), result.GetValue(ffn), contextLength, result.GetValue(ropeBase), TiedEmbeddings: result.GetValue(tied));
                config.Validate();
                var options = new TrainingOptions
                {
                    Steps = result.GetValue(steps),
                    BatchTokens = result.GetValue(batchTokens),
                    LearningRate = result.GetValue(learningRate),
                    MinLearningRateFraction = result.GetValue(minFraction),
                    WarmupSteps = result.GetValue(warmup),
                    ShortContextSteps = result.GetValue(shortContext),
                    AveragedSteps = result.GetValue(averaged),
                    Optimizer = new AdamWSettings(Beta2: result.GetValue(beta2), WeightDecay: result.GetValue(weightDecay), ClipNorm: result.GetValue(clip)),
                    Seed = result.GetValue(seed),
                    LogEvery = result.GetValue(logEvery),
                    EvalEvery = result.GetValue(evalEvery),
                    CheckpointPath = result.GetValue(checkpoint)?.FullName,
                    CheckpointEvery = result.GetValue(checkpointEvery),
                    MetricsPath = result.GetValue(metrics)?.FullName,
                };
                Workers.Count = result.GetValue(threads);

                var model = new Transformer(config);
                model.Initialize(options.Seed);
                var trainer = new Trainer(model, options, trainingData, validationData, log);
                if (result.GetValue(resume))
                {
                    if (options.CheckpointPath is null)
                    {
                        error.WriteLine("agentos-train: --resume needs --checkpoint FILE.");
                        return 2;
                    }

                    trainer.Resume(options.CheckpointPath);
                }

                var clock = Stopwatch.StartNew();
                trainer.Run(cancellationToken);
                if (trainer.StepsDone < options.Steps)
                {
                    error.WriteLine($"agentos-train: stopped at step {trainer.StepsDone}; continue with --resume{(options.CheckpointPath is null ? " (no --checkpoint was given, so this run is lost)" : string.Empty)}.");
                    return 130;
                }

                if (lastStepPath is not null)
                {
                    GgufExport.Write(model, vocab, template, result.GetValue(name), lastStepPath);
                    log.WriteLine($"Wrote the last step's weights to {lastStepPath}.");
                }

                trainer.ApplyAverage();
                GgufExport.Write(model, vocab, template, result.GetValue(name), outputPath);
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wrote {outputPath} ({new FileInfo(outputPath).Length / (1024.0 * 1024.0):F1} MiB) after {clock.Elapsed.TotalMinutes:F1} minutes; final loss {trainer.LastLoss:F4}, validation {trainer.LastValidationLoss:F4}."));
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or CheckpointException or TrainingDivergedException or UnauthorizedAccessException)
            {
                // Bad input or a run that cannot go on: one clear line, no stack trace.
                error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }
        }
    }

    private static Option<int> IntOption(string name, string description, int defaultValue) =>
        new(name) { Description = $"{description} Default {defaultValue}.", DefaultValueFactory = _ => defaultValue };
}
