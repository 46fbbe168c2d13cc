namespace AgentOS.Train.Corpus;

/// <summary>One fact of a synthetic document: a self-contained sentence, its kind, and the value it states.</summary>
/// <param name="Kind">What the fact is about: <c>built</c>, <c>town</c>, <c>size</c>, <c>founder</c> or <c>visitors</c>.</param>
/// <param name="Sentence">The sentence as the document writes it, naming the place so it stands alone.</param>
/// <param name="Value">The value the sentence states (a year, a town, a number, a name).</param>
public sealed record DocumentFact(string Kind, string Sentence, string Value)
{
    /// <summary>The heading of the fact's section (the town needs none: it stands under the document's title).</summary>
    public string Heading => Kind switch
    {
        "built" => "History",
        "size" => "Size",
        "founder" => "Founder",
        "visitors" => "Visitors",
        _ => throw new InvalidOperationException($"A {Kind} fact has no section of its own."),
    };
}
