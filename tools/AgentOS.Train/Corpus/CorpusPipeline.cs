using AgentOS.Kernel.Formats;
using AgentOS.Kernel.Runs;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Generates the corpus and its tokenizer in one go, deterministic from <see cref="CorpusOptions.Seed"/>: documents,
/// training and held-out episodes through the real tools, pieces learned from the training transcripts, then every
/// transcript rendered with the kernel's format and system prompt and tokenized.
/// </summary>
public static class CorpusPipeline
{
    /// <summary>The format the project's own model is trained for.</summary>
    public static IToolCallFormat Format => HermesToolCallFormat.Instance;

    /// <summary>The system prompt of the transcripts: the kernel's default, so training prompts equal run-time prompts.</summary>
    public static string SystemPrompt => AgentRunOptions.DefaultSystemPrompt;

    /// <summary>Builds the corpus with <paramref name="tools"/>, whose retrieval tool must have <paramref name="documents"/> indexed.</summary>
    public static async Task<CorpusBuild> BuildAsync(CorpusOptions options, DocumentLibrary documents, ToolBox tools, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();

        var generator = new CorpusGenerator(tools, documents);
        var started = DateTime.UtcNow;
        var progress = new Progress<int>(n => log.WriteLine($"  {n} episodes ({(DateTime.UtcNow - started).TotalSeconds:F0} s)"));
        log.WriteLine($"Generating {options.TrainEpisodes} training and {options.HeldOutEpisodes} held-out episodes (seed {options.Seed})...");
        var train = await generator.GenerateAsync(CorpusSplit.Train, options.TrainEpisodes, options.Seed, options.PhrasingVariation, progress, cancellationToken).ConfigureAwait(false);
        var heldOut = await generator.GenerateAsync(CorpusSplit.HeldOut, options.HeldOutEpisodes, options.Seed, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        log.WriteLine($"Generating {options.CopyDrills} copy drills...");
        var drills = await generator.GenerateCopyDrillsAsync(options.CopyDrills, options.Seed, cancellationToken).ConfigureAwait(false);

        var encoder = new TranscriptEncoder(Format, SystemPrompt, tools.Definitions);
        log.WriteLine($"Learning up to {options.LearnedPieces} pieces from the training transcripts...");
        // The drills are left out: their made-up words would pull pieces towards syllables, away from the tasks' own text.
        var pieces = PieceLearner.Learn(train.SelectMany(encoder.TrainingTexts), options.LearnedPieces);
        var tokenizer = new SpmTokenizer(Vocabulary.Create(pieces));
        train = [.. train, .. drills];

        log.WriteLine("Tokenizing...");
        var trainSequences = train.Select(e => encoder.Encode(e, tokenizer, options.LossScope)).ToList();
        var heldOutSequences = heldOut.Select(e => encoder.Encode(e, tokenizer, LossScope.Assistant)).ToList();
        var build = new CorpusBuild(options, documents, tokenizer.Vocabulary, train, heldOut, trainSequences, heldOutSequences);
        log.Write(build.Summary());
        return build;
    }
}
