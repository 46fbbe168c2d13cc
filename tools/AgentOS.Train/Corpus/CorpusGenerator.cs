using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Generates episodes of every task family, deterministic from a seed: the same seed, tools and documents give the
/// same episodes in the same order. Each episode draws from its own random stream (seed, split, index), so one
/// episode's redraws never shift the next.
/// </summary>
public sealed class CorpusGenerator
{
    /// <summary>The high half of the copy drills' stream numbers; the splits use 0 and 1.</summary>
    private const ulong CopyDrillStreams = 2;

    /// <summary>The high half of the phrasing variations' stream numbers: varying phrasings changes no episode's values.</summary>
    private const ulong PhrasingVariationStreams = 3;

    private readonly ToolBox _tools;
    private readonly IReadOnlyList<(TaskFamily Family, double Weight)> _families;
    private readonly IReadOnlyList<PhrasingTemplate> _heldOutTemplates;

    /// <summary>Creates a generator that runs its calls through <paramref name="tools"/> and asks about <paramref name="documents"/>,
    /// which must already be indexed by the retrieval tool in <paramref name="tools"/>.</summary>
    public CorpusGenerator(ToolBox tools, DocumentLibrary documents)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(documents);
        _tools = tools;
        _families =
        [
            (new CalculatorFamily(), 0.22),
            (new JsFamily(), 0.24),
            (new RetrievalFamily(documents), 0.18),
            (new MultiStepFamily(documents), 0.12),
            (new DirectAnswerFamily(), 0.07),
            (new RepeatFamily(), 0.10),
            (new ToolErrorFamily(documents), 0.07),
        ];
        _heldOutTemplates = [.. _families.SelectMany(f => f.Family.Templates).Where(t => t.HeldOut)];
    }

    /// <summary>The families' names and their share of the corpus.</summary>
    public IReadOnlyList<(string Family, double Share)> Families => [.. _families.Select(f => (f.Family.Name, f.Weight))];

    /// <summary>The families themselves, in the order the generator draws from.</summary>
    internal IReadOnlyList<TaskFamily> TaskFamilies => [.. _families.Select(f => f.Family)];

    /// <summary>The phrasing templates of every family: (family, template id, text with its holes, held out).</summary>
    public IReadOnlyList<(string Family, string Template, string Text, bool HeldOut)> Templates =>
        [.. _families.SelectMany(f => f.Family.Templates.Select(t => (f.Family.Name, t.Id, t.Text, t.HeldOut)))];

    /// <summary>
    /// Generates <paramref name="count"/> episodes of <paramref name="split"/>. In training episodes a share
    /// <paramref name="phrasingVariation"/> of the requests are reworded (see <see cref="PhrasingVariation"/>); held-out
    /// requests never are.
    /// </summary>
    public async Task<IReadOnlyList<Episode>> GenerateAsync(CorpusSplit split, int count, ulong seed, double phrasingVariation = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var episodes = new List<Episode>(count);
        var prefix = split == CorpusSplit.Train ? "train" : "heldout";
        for (var index = 0; index < count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = new DeterministicRandom(seed, stream: ((ulong)split << 32) | (uint)index);
            var variation = split == CorpusSplit.Train && phrasingVariation > 0
                ? new Variation(phrasingVariation, new DeterministicRandom(seed, stream: (PhrasingVariationStreams << 32) | (uint)index))
                : null;
            episodes.Add(await GenerateOneAsync($"{prefix}-{index:D6}", split, PickFamily(random), random, variation, cancellationToken).ConfigureAwait(false));
            if ((index + 1) % 1000 == 0)
            {
                progress?.Report(index + 1);
            }
        }

        return episodes;
    }

    /// <summary>
    /// Generates <paramref name="count"/> training copy drills (see <see cref="CopyDrillFamily"/>), from random streams of
    /// their own: adding drills changes no other episode.
    /// </summary>
    public async Task<IReadOnlyList<Episode>> GenerateCopyDrillsAsync(int count, ulong seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var family = new CopyDrillFamily();
        var episodes = new List<Episode>(count);
        for (var index = 0; index < count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var random = new DeterministicRandom(seed, stream: (CopyDrillStreams << 32) | (uint)index);
            episodes.Add(await GenerateOneAsync($"drill-{index:D6}", CorpusSplit.Train, family, random, variation: null, cancellationToken).ConfigureAwait(false));
        }

        return episodes;
    }

    private async Task<Episode> GenerateOneAsync(string id, CorpusSplit split, TaskFamily family, DeterministicRandom random, Variation? variation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var template = PickTemplate(family, split, random);
            // Greetings and questions about the assistant are answered from their whole wording, so they keep it.
            if (variation is not null && family is not DirectAnswerFamily)
            {
                template = PhrasingVariation.Vary(template, variation.Share, _heldOutTemplates, variation.Random);
            }

            var builder = new EpisodeBuilder(_tools, cancellationToken);
            try
            {
                var answerContains = await family.WriteAsync(template, split, random, builder).ConfigureAwait(false);
                return new Episode(id, family.Name, template.Id, template.HeldOut, split, builder.Messages, builder.UntrainedTurns, builder.ExpectedCalls, answerContains);
            }
            catch (RedrawException) when (attempt < 20)
            {
                // The drawn values made a poor example (see RetrievalFamily.SearchAsync); draw new ones.
            }
        }
    }

    /// <summary>The share of training requests to reword, and the random stream the rewording draws from.</summary>
    private sealed record Variation(double Share, DeterministicRandom Random);

    private TaskFamily PickFamily(DeterministicRandom random)
    {
        var total = _families.Sum(f => f.Weight);
        var x = random.NextDouble() * total;
        foreach (var (family, weight) in _families)
        {
            x -= weight;
            if (x < 0)
            {
                return family;
            }
        }

        return _families[^1].Family;
    }

    /// <summary>
    /// Training uses training templates only. Held-out episodes use held-out templates half of the time and training
    /// templates the other half (with held-out values), so a report can tell new phrasings from new values. A family
    /// whose messages carry no values (greetings) uses held-out templates only, or its held-out tasks would repeat
    /// training tasks word for word. The held-out split's seen half leaves out training-only templates.
    /// </summary>
    private static PhrasingTemplate PickTemplate(TaskFamily family, CorpusSplit split, DeterministicRandom random)
    {
        if (split == CorpusSplit.Train)
        {
            var training = family.Templates.Where(t => !t.HeldOut).ToList();
            return training[random.NextInt(training.Count)];
        }

        var useHeldOut = family is DirectAnswerFamily || random.NextDouble() < 0.5;
        var pool = family.Templates.Where(t => useHeldOut ? t.HeldOut : !t.HeldOut && !t.TrainingOnly).ToList();
        return pool[random.NextInt(pool.Count)];
    }
}
