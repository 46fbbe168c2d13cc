using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Corpus;

/// <summary>
/// A generated, tokenized corpus: the episodes of both splits, the learned vocabulary, and every episode as token ids
/// with a target flag per token (true where the assistant writes the token: the loss covers only those). This is
/// what the trainer consumes.
/// </summary>
public sealed class CorpusBuild
{
    internal CorpusBuild(
        CorpusOptions options,
        DocumentLibrary documents,
        Vocabulary vocabulary,
        IReadOnlyList<Episode> trainEpisodes,
        IReadOnlyList<Episode> heldOutEpisodes,
        IReadOnlyList<(int[] Tokens, bool[] Targets)> train,
        IReadOnlyList<(int[] Tokens, bool[] Targets)> heldOut)
    {
        Options = options;
        Documents = documents;
        Vocabulary = vocabulary;
        TrainEpisodes = trainEpisodes;
        HeldOutEpisodes = heldOutEpisodes;
        Train = train;
        HeldOut = heldOut;
        SharedPrefixLength = CommonPrefixLength([.. train.Select(s => s.Tokens), .. heldOut.Select(s => s.Tokens)]);
    }

    /// <summary>The options it was built with.</summary>
    public CorpusOptions Options { get; }

    /// <summary>The synthetic documents the retrieval episodes ask about.</summary>
    public DocumentLibrary Documents { get; }

    /// <summary>The learned vocabulary.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Training episodes.</summary>
    public IReadOnlyList<Episode> TrainEpisodes { get; }

    /// <summary>Held-out episodes (the evaluation set).</summary>
    public IReadOnlyList<Episode> HeldOutEpisodes { get; }

    /// <summary>Training episodes as tokens (BOS first) and target flags, in episode order.</summary>
    public IReadOnlyList<(int[] Tokens, bool[] Targets)> Train { get; }

    /// <summary>Held-out episodes as tokens and target flags (validation loss).</summary>
    public IReadOnlyList<(int[] Tokens, bool[] Targets)> HeldOut { get; }

    /// <summary>
    /// How many leading tokens every sequence shares: BOS and the whole system turn (system prompt and tool schemas),
    /// none of them targets. A trainer may compute this prefix once per batch instead of once per sequence: its
    /// activations are the same in every sequence, and the gradients that flow into it can be summed and sent back
    /// through it once.
    /// </summary>
    public int SharedPrefixLength { get; }

    /// <summary>Sizes per family and in total: episodes, tokens, target tokens.</summary>
    public JsonObject Statistics()
    {
        var families = new JsonObject();
        foreach (var family in TrainEpisodes.Select(e => e.Family).Distinct().Order(StringComparer.Ordinal))
        {
            var indexes = Enumerable.Range(0, TrainEpisodes.Count).Where(i => TrainEpisodes[i].Family == family).ToList();
            families[family] = new JsonObject
            {
                ["train_episodes"] = indexes.Count,
                ["train_tokens"] = indexes.Sum(i => (long)Train[i].Tokens.Length),
                ["train_target_tokens"] = indexes.Sum(i => (long)Train[i].Targets.Count(t => t)),
                ["heldout_episodes"] = HeldOutEpisodes.Count(e => e.Family == family),
            };
        }

        return new JsonObject
        {
            ["seed"] = Options.Seed,
            ["vocabulary"] = Vocabulary.Count,
            ["learned_pieces"] = Vocabulary.LearnedPieceCount,
            ["shared_prefix_tokens"] = SharedPrefixLength,
            ["train_episodes"] = Train.Count,
            ["train_tokens"] = Train.Sum(s => (long)s.Tokens.Length),
            ["train_target_tokens"] = Train.Sum(s => (long)s.Targets.Count(t => t)),
            ["train_max_tokens"] = Train.Max(s => s.Tokens.Length),
            ["heldout_episodes"] = HeldOut.Count,
            ["heldout_tokens"] = HeldOut.Sum(s => (long)s.Tokens.Length),
            ["heldout_max_tokens"] = HeldOut.Max(s => s.Tokens.Length),
            ["templates"] = new JsonObject
            {
                ["train"] = TrainEpisodes.Select(e => e.Family + "/" + e.Template).Distinct().Count(),
                ["heldout_only"] = HeldOutEpisodes.Where(e => e.TemplateHeldOut).Select(e => e.Family + "/" + e.Template).Distinct().Count(),
            },
            ["families"] = families,
        };
    }

    /// <summary>
    /// Writes the corpus into <paramref name="directory"/>: <c>train.jsonl</c>, <c>heldout.jsonl</c> (see
    /// <see cref="EpisodeJson"/>), <c>vocabulary.json</c>, <c>documents/</c> and <c>statistics.json</c>.
    /// </summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        EpisodeJson.Write(Path.Combine(directory, "train.jsonl"), TrainEpisodes);
        WriteEvaluationSet(directory);
        Vocabulary.Save(Path.Combine(directory, "vocabulary.json"));
        File.WriteAllText(Path.Combine(directory, "statistics.json"), Statistics().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Writes what an evaluation needs into <paramref name="directory"/>: <c>heldout.jsonl</c> and <c>documents/</c>.</summary>
    public void WriteEvaluationSet(string directory)
    {
        Directory.CreateDirectory(directory);
        EpisodeJson.Write(Path.Combine(directory, "heldout.jsonl"), HeldOutEpisodes);
        Documents.WriteTo(Path.Combine(directory, "documents"));
    }

    /// <summary>A few lines for the console: sizes per family.</summary>
    public string Summary()
    {
        var stats = Statistics();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"vocabulary {stats["vocabulary"]} ({stats["learned_pieces"]} learned pieces); shared prefix {SharedPrefixLength} tokens\n");
        text.Append(CultureInfo.InvariantCulture, $"train {stats["train_episodes"]} episodes, {stats["train_tokens"]} tokens ({stats["train_target_tokens"]} targets, longest {stats["train_max_tokens"]}); held-out {stats["heldout_episodes"]} episodes\n");
        foreach (var (family, node) in stats["families"]!.AsObject())
        {
            text.Append(CultureInfo.InvariantCulture, $"  {family,-12} {node!["train_episodes"],6} episodes {node["train_tokens"],10} tokens {node["train_target_tokens"],9} targets\n");
        }

        return text.ToString();
    }

    private static int CommonPrefixLength(IReadOnlyList<int[]> sequences)
    {
        var length = sequences.Min(s => s.Length);
        foreach (var sequence in sequences)
        {
            var i = 0;
            while (i < length && sequence[i] == sequences[0][i])
            {
                i++;
            }

            length = i;
        }

        return length;
    }
}
