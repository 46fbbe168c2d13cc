using AgentOS.Train.Corpus;

namespace AgentOS.Train.Tests.Corpus;

public sealed class DocumentLibraryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"agentos-documents-{Guid.NewGuid():N}");

    [Fact]
    public void Create_SameSeed_GivesTheSameDocuments()
    {
        var first = DocumentLibrary.Create(5, 50);
        var second = DocumentLibrary.Create(5, 50);

        Assert.Equal(first.Documents.Select(d => d.Text), second.Documents.Select(d => d.Text));
        Assert.Equal(first.UnknownPlaces, second.UnknownPlaces);
    }

    [Fact]
    public void Create_PlacesAreUniqueAndUnknownPlacesAreNotInTheDocuments()
    {
        var library = DocumentLibrary.Create(5, 300);
        var places = library.Documents.Select(d => d.Place).ToList();

        Assert.Equal(places.Count, places.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(places.Count, library.Documents.Select(d => d.FileName).Distinct().Count());
        Assert.DoesNotContain(library.UnknownPlaces, u => library.Documents.Any(d => d.Text.Contains(u, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(library.Documents, d => d.HeldOut);
        Assert.Contains(library.Documents, d => !d.HeldOut);
    }

    [Fact]
    public void WriteTo_LeavesExactlyTheCollectionInTheFolder()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "stale-place.md"), "# Stale\n");
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "kept");
        var library = DocumentLibrary.Create(5, 20);

        library.WriteTo(_directory);
        library.WriteTo(_directory);

        Assert.Equal(library.Documents.Select(d => d.FileName).Order(), Directory.EnumerateFiles(_directory, "*.md").Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(_directory, "notes.txt")));
        Assert.All(library.Documents, d => Assert.Equal(d.Text, File.ReadAllText(Path.Combine(_directory, d.FileName))));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
