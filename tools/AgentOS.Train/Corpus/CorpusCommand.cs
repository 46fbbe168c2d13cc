using System.CommandLine;
using AgentOS.Train.Model;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Corpus;

/// <summary>
/// <c>agentos-train corpus</c>: generates the corpus and learns the tokenizer, deterministic from the seed, and
/// writes everything the trainer and the evaluation read into one folder.
/// </summary>
internal static class CorpusCommand
{
    /// <summary>The files the command writes, by name.</summary>
    public const string TrainTokensFile = "train.tokens";

    /// <summary>Held-out sequences as tokens (the trainer's validation data).</summary>
    public const string HeldOutTokensFile = "heldout.tokens";

    /// <summary>The learned vocabulary.</summary>
    public const string VocabularyFile = "vocabulary.json";

    /// <summary>The chat template to embed in the GGUF.</summary>
    public const string ChatTemplateFile = "chat_template.jinja";

    /// <summary>The evaluation set (held-out episodes, JSON Lines).</summary>
    public const string HeldOutFile = "heldout.jsonl";

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var defaults = new CorpusOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the corpus into (created if missing).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = $"Seed of documents, values and phrasings. Default {defaults.Seed}.", DefaultValueFactory = _ => defaults.Seed };
        var train = IntOption("--train", "Training episodes.", defaults.TrainEpisodes);
        var heldOut = IntOption("--heldout", "Held-out episodes (the evaluation set).", defaults.HeldOutEpisodes);
        var pieces = IntOption("--pieces", "Most pieces the tokenizer learns.", defaults.LearnedPieces);
        var documents = IntOption("--documents", "Documents in the synthetic collection.", defaults.Documents);
        var lossScope = LossScopeOption(defaults.LossScope);
        var copyDrills = CopyDrillsOption(defaults.CopyDrills);
        var phrasingVariation = PhrasingVariationOption(defaults.PhrasingVariation);

        var command = new Command("corpus", "Generate the tool-use corpus through the real tools, learn the tokenizer, and write tokens, vocabulary and the evaluation set.")
        {
            output, seed, train, heldOut, pieces, documents, lossScope, copyDrills, phrasingVariation,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var options = new CorpusOptions
                {
                    Seed = result.GetValue(seed),
                    TrainEpisodes = result.GetValue(train),
                    HeldOutEpisodes = result.GetValue(heldOut),
                    LearnedPieces = result.GetValue(pieces),
                    Documents = result.GetValue(documents),
                    LossScope = result.GetValue(lossScope),
                    CopyDrills = result.GetValue(copyDrills),
                    PhrasingVariation = result.GetValue(phrasingVariation),
                };
                await WriteAsync(options, result.GetRequiredValue(output).FullName, log, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Builds the corpus for <paramref name="options"/> and writes it into <paramref name="directory"/>.</summary>
    public static async Task<CorpusBuild> WriteAsync(CorpusOptions options, string directory, TextWriter log, CancellationToken cancellationToken)
    {
        options.Validate();
        var documents = DocumentLibrary.Create(options.Seed, options.Documents);
        using var tools = CorpusTools.Create(documents, options.Seed);
        var build = await CorpusPipeline.BuildAsync(options, documents, tools.ToolBox, log, cancellationToken).ConfigureAwait(false);
        build.WriteTo(directory);
        TrainingDataFile.Write(Path.Combine(directory, TrainTokensFile), [.. build.Train.Select(s => new TrainingSequence(s.Tokens, s.Targets))]);
        TrainingDataFile.Write(Path.Combine(directory, HeldOutTokensFile), [.. build.HeldOut.Select(s => new TrainingSequence(s.Tokens, s.Targets))]);
        File.WriteAllText(Path.Combine(directory, ChatTemplateFile), ChatTemplate.Hermes);
        log.WriteLine($"Wrote the corpus to {directory}.");
        return build;
    }

    /// <summary>The <c>--loss-scope</c> option, shared with <c>build-model</c>.</summary>
    public static Option<LossScope> LossScopeOption(LossScope defaultValue) => new("--loss-scope")
    {
        Description = $"Which training tokens the loss is taken on: Assistant (what the assistant writes), AssistantAndToolResponses (also what the tools returned), AssistantAndUserMessages (also the user's messages) or Conversation (all three). Default {defaultValue}.",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>The <c>--copy-drills</c> option, shared with <c>build-model</c>.</summary>
    public static Option<int> CopyDrillsOption(int defaultValue) => IntOption("--copy-drills", "Copy drills added to the training episodes.", defaultValue);

    /// <summary>The <c>--phrasing-variation</c> option, shared with <c>build-model</c>.</summary>
    public static Option<double> PhrasingVariationOption(double defaultValue) => new("--phrasing-variation")
    {
        Description = $"Share of training requests reworded (as a question, with a sentence around it, in lower case); held-out ones never are. Default {defaultValue}.",
        DefaultValueFactory = _ => defaultValue,
    };

    private static Option<int> IntOption(string name, string description, int defaultValue) =>
        new(name) { Description = $"{description} Default {defaultValue}.", DefaultValueFactory = _ => defaultValue };
}
