namespace AgentOS.Tools.Retrieval;

/// <summary>One passage found by a search.</summary>
/// <param name="Source">The document's path relative to the root folder it was indexed under (its file name when it was added as a file).</param>
/// <param name="StartLine">First line of the passage (1-based).</param>
/// <param name="EndLine">Last line of the passage (inclusive).</param>
/// <param name="Heading">Heading path of the passage in a Markdown document ("Install > Linux"); empty otherwise.</param>
/// <param name="Text">The passage.</param>
/// <param name="Score">BM25 relevance, higher is better (headings weigh twice as much as body text).</param>
public sealed record SearchHit(string Source, int StartLine, int EndLine, string Heading, string Text, double Score);
