using System.CommandLine;
using AgentOS.Inference;
using AgentOS.Train.Corpus;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Eval;

/// <summary>
/// <c>agentos-train build-model</c>: the whole model from a seed, in one command — generate the corpus and learn the
/// tokenizer (<c>corpus</c>), train and write the GGUF (<c>train</c>, with its own defaults) with its loss curve (<c>.training.csv</c>, <c>.loss.png</c>), then evaluate it on the
/// held-out set (<c>eval</c>) and put the evaluation set next to the model.
/// </summary>
internal static class BuildModelCommand
{
    // The recipe of the committed model, where it differs from the corpus and train defaults: the loss on the whole
    // conversation, and the first steps without the system turn, together teach it to copy words from the task
    // (models/README.md, "How it learned to copy"); 2 000 such steps, which cost about half a full one, and 96 000
    // transcripts, so the 3 400 steps still see each about once, are what taught it to read the word that says which way.
    private const LossScope RecipeLossScope = LossScope.Conversation;
    private const int RecipeTrainEpisodes = 96_000;
    private const int RecipeSteps = 3400;
    private const int RecipeShortContextSteps = 2000;
    private const int RecipeAveragedSteps = 600;

    /// <summary>Creates the command; <paramref name="root"/> supplies the <c>train</c> command it runs.</summary>
    public static Command Create(Func<RootCommand> root)
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the corpus and, unless --training-seed is given, of the initial weights and the data order. Default 1.", DefaultValueFactory = _ => 1 };
        var trainingSeed = new Option<ulong?>("--training-seed") { Description = "Seed of the initial weights and the data order only, to train the same corpus again from another start. Default: --seed." };
        var output = new Option<FileInfo>("--out") { Description = "The GGUF to write. Default models/agentos-tiny.gguf.", DefaultValueFactory = _ => new FileInfo("models/agentos-tiny.gguf") };
        var work = new Option<DirectoryInfo>("--work") { Description = "Folder for the corpus, checkpoints, metrics and report. Default artifacts/agentos-tiny.", DefaultValueFactory = _ => new DirectoryInfo("artifacts/agentos-tiny") };
        var evalSet = new Option<DirectoryInfo>("--eval-set") { Description = "Where to put the evaluation set (heldout.jsonl, documents/). Default models/eval.", DefaultValueFactory = _ => new DirectoryInfo("models/eval") };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted training from the work folder's checkpoint." };
        var threads = new Option<int>("--threads") { Description = $"Training threads. Default {Environment.ProcessorCount}.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var corpusDefaults = new CorpusOptions();
        var trainEpisodes = new Option<int>("--train-episodes") { Description = $"Training episodes. Default {RecipeTrainEpisodes}.", DefaultValueFactory = _ => RecipeTrainEpisodes };
        var heldOutEpisodes = new Option<int>("--heldout-episodes") { Description = $"Held-out episodes. Default {corpusDefaults.HeldOutEpisodes}.", DefaultValueFactory = _ => corpusDefaults.HeldOutEpisodes };
        var lossScope = CorpusCommand.LossScopeOption(RecipeLossScope);
        var steps = new Option<int>("--steps") { Description = $"Training steps. Default {RecipeSteps}.", DefaultValueFactory = _ => RecipeSteps };
        var shortContextSteps = new Option<int>("--short-context-steps") { Description = $"Training steps at the start without the system turn. Default {RecipeShortContextSteps}.", DefaultValueFactory = _ => RecipeShortContextSteps };
        var averagedSteps = new Option<int>("--average-last") { Description = $"The model is the mean of the weights after each of the last this many steps. Default {RecipeAveragedSteps}.", DefaultValueFactory = _ => RecipeAveragedSteps };
        var copyDrills = CorpusCommand.CopyDrillsOption(corpusDefaults.CopyDrills);
        var phrasingVariation = CorpusCommand.PhrasingVariationOption(corpusDefaults.PhrasingVariation);
        var trainArguments = new Option<string[]>("--train-option") { Description = "An extra option for the train command, e.g. --train-option=--lr=0.003 (repeatable).", AllowMultipleArgumentsPerToken = false };

        var command = new Command("build-model", "Build agentos-tiny from a seed: corpus and tokenizer, training, GGUF, evaluation.")
        {
            seed, trainingSeed, output, work, evalSet, resume, threads, trainEpisodes, heldOutEpisodes, lossScope, steps, shortContextSteps, averagedSteps, copyDrills, phrasingVariation, trainArguments,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var workDirectory = result.GetRequiredValue(work).FullName;
                var corpusDirectory = Path.Combine(workDirectory, "corpus");
                var modelPath = result.GetRequiredValue(output).FullName;
                Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);

                log.WriteLine("== 1/3 corpus and tokenizer");
                var options = new CorpusOptions
                {
                    Seed = result.GetValue(seed),
                    TrainEpisodes = result.GetValue(trainEpisodes),
                    HeldOutEpisodes = result.GetValue(heldOutEpisodes),
                    LossScope = result.GetValue(lossScope),
                    CopyDrills = result.GetValue(copyDrills),
                    PhrasingVariation = result.GetValue(phrasingVariation),
                };
                var build = await CorpusCommand.WriteAsync(options, corpusDirectory, log, cancellationToken).ConfigureAwait(false);
                build.WriteEvaluationSet(result.GetRequiredValue(evalSet).FullName);

                log.WriteLine("== 2/3 training");
                string[] train =
                [
                    "train",
                    "--train", Path.Combine(corpusDirectory, CorpusCommand.TrainTokensFile),
                    "--validation", Path.Combine(corpusDirectory, CorpusCommand.HeldOutTokensFile),
                    "--vocabulary", Path.Combine(corpusDirectory, CorpusCommand.VocabularyFile),
                    "--chat-template", Path.Combine(corpusDirectory, CorpusCommand.ChatTemplateFile),
                    "--out", modelPath,
                    "--seed", (result.GetValue(trainingSeed) ?? options.Seed).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--threads", result.GetValue(threads).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--steps", result.GetValue(steps).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--short-context-steps", result.GetValue(shortContextSteps).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--average-last", result.GetValue(averagedSteps).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "--checkpoint", Path.Combine(workDirectory, "checkpoint.bin"),
                    "--metrics", Path.Combine(workDirectory, "metrics.csv"),
                    .. result.GetValue(resume) ? ["--resume"] : Array.Empty<string>(),
                    .. result.GetValue(trainArguments) ?? [],
                ];
                var trained = await root().Parse(train).InvokeAsync(result.InvocationConfiguration, cancellationToken).ConfigureAwait(false);
                if (trained != 0)
                {
                    return trained;
                }

                // The loss curve travels with the model: its CSV and its picture, for the model card.
                var metricsPath = Path.Combine(workDirectory, "metrics.csv");
                var modelStem = Path.Combine(Path.GetDirectoryName(modelPath)!, Path.GetFileNameWithoutExtension(modelPath));
                File.Copy(metricsPath, modelStem + ".training.csv", overwrite: true);
                Model.LossPlot.Write(Model.LossPlot.ReadMetrics(metricsPath), modelStem + ".loss.png");

                log.WriteLine("== 3/3 evaluation");
                var report = await EvalHarness.RunAsync(modelPath, Path.Combine(corpusDirectory, CorpusCommand.HeldOutFile), Path.Combine(corpusDirectory, "documents"), limit: null, threads: 1, log, cancellationToken).ConfigureAwait(false);
                var reportPath = Path.Combine(workDirectory, "eval-report.json");
                File.WriteAllText(reportPath, report.ToJson() + "\n");
                log.Write(report.ToTable());
                log.WriteLine($"Wrote {modelPath} and {reportPath}.");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or ModelLoadException)
            {
                error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
