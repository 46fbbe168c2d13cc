namespace AgentOS.Train.Corpus;

/// <summary>
/// One document of the synthetic collection: a fictional place and its facts, each under its own Markdown heading so
/// the retrieval index keeps every fact a passage of its own.
/// </summary>
/// <param name="FileName">The file name, which retrieval reports as the source (<c>marlow-bridge.md</c>).</param>
/// <param name="Place">The place's name (<c>Marlow Bridge</c>).</param>
/// <param name="SizeWord">The adjective of its size fact: <c>long</c> for bridges, <c>tall</c> for the others.</param>
/// <param name="Facts">Its facts, in the order the document lists them.</param>
/// <param name="HeldOut">True when only held-out questions ask about it.</param>
public sealed record SyntheticDocument(string FileName, string Place, string SizeWord, IReadOnlyList<DocumentFact> Facts, bool HeldOut)
{
    /// <summary>
    /// The document's text: the place as title with the first fact under it, then a section per further fact. (A
    /// title alone would be a passage of its own, short enough to outrank every fact in a search for the place.)
    /// </summary>
    public string Text => $"# {Place}\n\n{Facts[0].Sentence}\n\n{string.Join("\n\n", Facts.Skip(1).Select(f => $"## {f.Heading}\n\n{f.Sentence}"))}\n";

    /// <summary>The fact of a kind.</summary>
    public DocumentFact Fact(string kind) => Facts.Single(f => f.Kind == kind);
}
