using System.Globalization;
using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// A small collection of documents about fictional places (so no answer can come from anything but the documents),
/// deterministic from a seed. Retrieval questions are asked about it after it is indexed by the real retrieval tool.
/// </summary>
public sealed class DocumentLibrary
{
    /// <summary>The kinds of place; the size fact of a bridge is its length, of the others their height.</summary>
    /// <summary>Documents in a collection unless said otherwise.</summary>
    public const int DefaultCount = 3000;

    internal static readonly string[] PlaceKinds = ["Bridge", "Tower", "Library", "Museum", "Lighthouse", "Mill", "Station", "Theater", "Castle", "Chapel"];

    private DocumentLibrary(IReadOnlyList<SyntheticDocument> documents, IReadOnlyList<string> unknownPlaces)
    {
        Documents = documents;
        UnknownPlaces = unknownPlaces;
    }

    /// <summary>The documents.</summary>
    public IReadOnlyList<SyntheticDocument> Documents { get; }

    /// <summary>Place names that no document mentions, for questions whose honest answer is "not found".</summary>
    public IReadOnlyList<string> UnknownPlaces { get; }

    /// <summary>
    /// Creates the collection for <paramref name="seed"/>: <paramref name="count"/> places with made-up names (so their
    /// facts can only come from the documents, and a model must copy the names rather than remember them), and as many
    /// made-up places that no document mentions.
    /// </summary>
    public static DocumentLibrary Create(ulong seed, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new DeterministicRandom(seed, stream: 0xD0C5);
        var places = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var documents = new List<SyntheticDocument>();
        while (documents.Count < count)
        {
            var name = PseudoWords.DrawName(random);
            var kind = PlaceKinds[random.NextInt(PlaceKinds.Length)];
            var place = $"{name} {kind}";
            if (!places.Add(place))
            {
                continue;
            }

            var sizeWord = kind == "Bridge" ? "long" : "tall";
            var town = PseudoWords.DrawName(random);
            var year = Number(1700 + random.NextInt(316));
            var size = Number(kind == "Bridge" ? 40 + random.NextInt(900) : 8 + random.NextInt(120));
            var founder = $"{WordLists.Names[random.NextInt(WordLists.Names.Count)]} {WordLists.Surnames[random.NextInt(WordLists.Surnames.Count)]}";
            var visitors = Number(100 * (5 + random.NextInt(2000)));
            documents.Add(new SyntheticDocument(
                $"{name.ToLowerInvariant()}-{kind.ToLowerInvariant()}.md",
                place,
                sizeWord,
                [
                    new DocumentFact("town", $"The {place} is in the town of {town}.", town),
                    new DocumentFact("built", $"The {place} was built in {year}.", year),
                    new DocumentFact("size", $"The {place} is {size} meters {sizeWord}.", size),
                    new DocumentFact("founder", $"The {place} was founded by {founder}.", founder),
                    new DocumentFact("visitors", $"The {place} has {visitors} visitors a year.", visitors),
                ],
                ValuePartition.IsHeldOut(place)));
        }

        var unknown = new List<string>();
        while (unknown.Count < count)
        {
            var place = $"{PseudoWords.DrawName(random)} {PlaceKinds[random.NextInt(PlaceKinds.Length)]}";
            if (places.Add(place))
            {
                unknown.Add(place);
            }
        }

        return new DocumentLibrary(documents, unknown);
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (created if missing) hold exactly this collection: every document is written,
    /// and Markdown files of an earlier, different collection are deleted (an index of the folder would otherwise
    /// return them). Each file is written to a temporary name and renamed, so processes writing the same collection
    /// at once never see half a file.
    /// </summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var names = Documents.Select(d => d.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(directory, "*.md").Where(f => !names.Contains(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        foreach (var document in Documents)
        {
            var path = Path.Combine(directory, document.FileName);
            if (File.Exists(path) && File.ReadAllText(path) == document.Text)
            {
                continue;
            }

            var temporary = Path.Combine(directory, $".{document.FileName}.{Environment.ProcessId}.tmp");
            File.WriteAllText(temporary, document.Text);
            File.Move(temporary, path, overwrite: true);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
