using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Corpus;

/// <summary>What to generate: sizes and the seed. Every default is written on its property.</summary>
public sealed record CorpusOptions
{
    /// <summary>Seed of everything random in the corpus: documents, values, phrasings. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Training episodes. Default 64 000: more than the default training run visits (about 56 000), so no transcript is
    /// seen twice and names and values cannot be memorised, only copied.
    /// </summary>
    public int TrainEpisodes { get; init; } = 64_000;

    /// <summary>
    /// Copy drills added to the training episodes (see <see cref="CopyDrillFamily"/>). Default 0.
    /// </summary>
    public int CopyDrills { get; init; }

    /// <summary>
    /// Share of training requests reworded by <see cref="PhrasingVariation"/> (as a question, with a sentence around it,
    /// in lower case). Default 0.5.
    /// </summary>
    public double PhrasingVariation { get; init; } = 0.5;

    /// <summary>Held-out episodes (the evaluation set). Default 600.</summary>
    public int HeldOutEpisodes { get; init; } = 600;

    /// <summary>Most pieces the tokenizer learns on top of its base characters. Default 1 200 (a vocabulary of about 1 560).</summary>
    public int LearnedPieces { get; init; } = 1_200;

    /// <summary>Documents in the synthetic collection. Default <see cref="DocumentLibrary.DefaultCount"/> (600).</summary>
    public int Documents { get; init; } = DocumentLibrary.DefaultCount;

    /// <summary>
    /// Which training tokens the loss is taken on. Default <see cref="LossScope.Assistant"/>. The held-out tokens are
    /// always scored on the assistant's turns only, so validation losses compare across scopes.
    /// </summary>
    public LossScope LossScope { get; init; } = LossScope.Assistant;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value that cannot work.</summary>
    public void Validate()
    {
        if (TrainEpisodes < 1 || HeldOutEpisodes < 1 || LearnedPieces < 0 || Documents < 10 || CopyDrills < 0 || PhrasingVariation is < 0 or > 1)
        {
            throw new ArgumentException(
                $"The corpus needs at least one training and one held-out episode, no negative piece or drill count, at least 10 documents and a phrasing variation share between 0 and 1 (got {TrainEpisodes}, {HeldOutEpisodes}, {LearnedPieces}, {CopyDrills}, {Documents}, {PhrasingVariation}).");
        }
    }
}
