using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Questions about the synthetic documents, answered by a <c>retrieval</c> search for the place and the word of the
/// fact asked for, then an answer that names the source and quotes the passage found.
/// </summary>
internal sealed class RetrievalFamily(DocumentLibrary documents) : TaskFamily
{
    public const string Thought = "The answer is in the documents, so I will search them.";

    /// <summary>The word each fact kind's sentence holds, which the search query adds to the place's name.</summary>
    internal static string QueryWord(string factKind, string sizeWord) => factKind switch
    {
        "built" => "built",
        "town" => "town",
        "size" => sizeWord,
        "founder" => "founded",
        "visitors" => "visitors",
        _ => throw new ArgumentOutOfRangeException(nameof(factKind), factKind, "No such fact kind."),
    };

    public override string Name => "retrieval";

    public override IReadOnlyList<PhrasingTemplate> Templates { get; } =
    [
        new("built.1", "When was the {place} built?"),
        new("built.2", "In which year was the {place} built?"),
        new("built.3", "Check my documents: when was the {place} built?"),
        new("built.4", "What year was the {place} built?", HeldOut: true),
        new("built.5", "When did they build the {place}?"),
        new("built.6", "I'm reading about the {place}. When was it built?"),
        new("built.7", "Search my documents for when the {place} was built."),
        new("built.8", "Do you know when the {place} was built?"),
        new("town.1", "Where is the {place}?"),
        new("town.2", "In which town is the {place}?"),
        new("town.3", "Look up which town the {place} is in."),
        new("town.4", "Which town is the {place} in?", HeldOut: true),
        new("town.5", "Where can I find the {place}?"),
        new("town.6", "Tell me the town where the {place} is."),
        new("town.7", "I want to visit the {place}. Where is it?"),
        new("town.8", "Search my documents for the location of the {place}."),
        new("town.9", "Where is the {place} located?"),
        new("size.1", "How {size} is the {place}?"),
        new("size.2", "How many meters {size} is the {place}?"),
        new("size.3", "Find out how {size} the {place} is.", HeldOut: true),
        new("size.4", "I'm curious about the {place}. How {size} is it?"),
        new("size.5", "Check my documents: how {size} is the {place}?"),
        new("size.6", "The {place} is how many meters {size}?"),
        new("size.7", "What size is the {place}, in meters?"),
        new("founder.1", "Who founded the {place}?"),
        new("founder.2", "Who was the {place} founded by?"),
        new("founder.3", "Tell me who founded the {place}.", HeldOut: true),
        new("founder.4", "Who started the {place}?"),
        new("founder.5", "Who was the founder of the {place}?"),
        new("founder.6", "I'm reading about the {place}. Who founded it?"),
        new("founder.7", "Check my documents: who founded the {place}?"),
        new("founder.8", "The {place} was founded by whom?"),
        new("visitors.1", "How many visitors does the {place} have a year?"),
        new("visitors.2", "How many people visit the {place} each year?"),
        new("visitors.3", "What do my documents say about visitors to the {place}?", HeldOut: true),
        new("visitors.4", "How many visitors come to the {place} every year?"),
        new("visitors.5", "How busy is the {place}? How many visitors does it get a year?"),
        new("visitors.6", "Look up how many people go to the {place} each year."),
        new("visitors.7", "I'm planning a trip to the {place}. How many people visit it a year?"),
        new("visitors.8", "What is the number of visitors per year at the {place}?"),
        new("visitors.9", "Check my documents: how many visitors does the {place} get?", TrainingOnly: true),
        new("visitors.10", "Search my documents for the number of visitors to the {place}.", TrainingOnly: true),
        new("visitors.11", "According to my documents, how many people visit the {place} a year?", TrainingOnly: true),
    ];

    public override async Task<IReadOnlyList<string>> WriteAsync(PhrasingTemplate template, CorpusSplit split, DeterministicRandom random, EpisodeBuilder builder)
    {
        var kind = KindOf(template);
        var document = PickDocument(documents, random, split);
        var fact = document.Fact(kind);
        builder.User(template.Fill(("place", document.Place), ("size", document.SizeWord)));
        var hit = await SearchAsync(builder, document, kind, Chance(random, 0.25) ? Thought : null).ConfigureAwait(false);
        // The passage is quoted as far as it states the fact: all of it when the tool returns one paragraph.
        builder.Answer($"According to {hit.FileName}: \"{fact.Sentence}\"");
        return [fact.Value, hit.FileName];
    }

    /// <summary>A document whose questions belong to <paramref name="split"/>.</summary>
    internal static SyntheticDocument PickDocument(DocumentLibrary documents, DeterministicRandom random, CorpusSplit split)
    {
        var candidates = documents.Documents.Where(d => d.HeldOut == (split == CorpusSplit.HeldOut)).ToList();
        return Pick(random, candidates);
    }

    /// <summary>
    /// Searches for a fact and returns the best passage. When the best passage is not the fact (the search ranked
    /// another first), the episode cannot teach "quote the first passage" and is drawn again.
    /// </summary>
    internal static async Task<RetrievalHit> SearchAsync(EpisodeBuilder builder, SyntheticDocument document, string factKind, string? thinking)
    {
        var query = $"{document.Place} {QueryWord(factKind, document.SizeWord)}";
        // One passage: each fact is a passage of its own, and a short result keeps the transcript short.
        var result = await builder.CallAsync("retrieval", [("query", query), ("k", 1)], thinking).ConfigureAwait(false);
        var hits = RetrievalHit.Read(result);
        var fact = document.Fact(factKind);
        if (hits.Count == 0 || !hits[0].Text.Contains(fact.Sentence, StringComparison.Ordinal) || hits[0].FileName != document.FileName)
        {
            throw new RedrawException($"the search '{query}' did not rank the fact first");
        }

        return hits[0];
    }
}
