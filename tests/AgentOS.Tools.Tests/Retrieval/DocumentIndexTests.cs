using AgentOS.Tools.Retrieval;

namespace AgentOS.Tools.Tests.Retrieval;

public sealed class DocumentIndexTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _docs;
    private readonly string _database;

    public DocumentIndexTests()
    {
        _docs = Path.Combine(_folder.Path, "docs");
        _database = Path.Combine(_folder.Path, "data", "index.db");
    }

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string content) => _folder.Write(Path.Combine("docs", name), content);

    [Fact]
    public void Add_Folder_IndexesTextAndMarkdownOnly()
    {
        Write("a.md", "# Alpha\nThe alpha document.");
        Write("b.txt", "The beta document.");
        Write("c.json", "{\"gamma\": true}");
        Write("sub/d.MD", "Delta lives in a subfolder.");
        Write(".hidden/e.md", "Hidden epsilon.");

        using var index = DocumentIndex.Open(_database);
        var report = index.Add([_docs]);

        Assert.Equal((3, 0, 0, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Equal(3, report.Chunks);
        Assert.Equal([_docs], index.Roots);
        Assert.Empty(index.Search("epsilon", 5));
        Assert.Empty(index.Search("gamma", 5));
    }

    [Fact]
    public void Search_RanksByBm25AndReturnsLineRange()
    {
        Write("security.md", "# Keys\nRotate the API key every month.\n\nThe key rotation command is `agentos key rotate`.\n\n# Other\nUnrelated text about coffee.");
        Write("notes.txt", "Remember to buy coffee.\n\nThe API is documented elsewhere.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);

        var hits = index.Search("how do I rotate the API key", 3);

        Assert.Equal("security.md", hits[0].Source);
        Assert.Equal((1, 4), (hits[0].StartLine, hits[0].EndLine));
        Assert.Equal("Keys", hits[0].Heading);
        Assert.StartsWith("# Keys\nRotate the API key", hits[0].Text, StringComparison.Ordinal);
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public void Search_NamesSourceRelativeToMostSpecificRoot()
    {
        Write("guides/setup.md", "The heron guide.");
        Write("guides/deep/notes.md", "The ibis notes.");
        var file = Write("loose.txt", "The kestrel file.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs, Path.Combine(_docs, "guides", "deep"), file]);

        Assert.Equal(
            [Path.Combine("guides", "setup.md"), "notes.md", "loose.txt"],
            [index.Search("heron", 1)[0].Source, index.Search("ibis", 1)[0].Source, index.Search("kestrel", 1)[0].Source]);
    }

    [Fact]
    public void Search_StemsWords()
    {
        Write("run.md", "The service was running for hours.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);
        Assert.Single(index.Search("runs", 5));
    }

    [Fact]
    public void Search_HeadingMatchOutranksPassingMention()
    {
        Write("a.md", "# Backups\nCopies are made nightly.");
        Write("b.md", "# Misc\nWe talked about backups once, among many other things such as lunch and the weather.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);
        Assert.EndsWith("a.md", index.Search("backups", 2)[0].Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"rotate")]
    [InlineData("key*")]
    [InlineData("NEAR(rotate key)")]
    [InlineData("-key")]
    [InlineData("(rotate OR")]
    [InlineData("rotate AND")]
    [InlineData("heading:rotate")]
    [InlineData("rotate ^ key")]
    public void Search_FtsSyntaxInQuery_IsSearchedAsWords(string query)
    {
        Write("k.md", "Rotate the key.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);
        Assert.Single(index.Search(query, 5));
    }

    [Fact]
    public void Search_NoWords_Throws()
    {
        using var index = DocumentIndex.Open(_database);
        Assert.Throws<ArgumentException>(() => index.Search("*** ()", 5));
    }

    [Fact]
    public void Sync_ChangedFile_IsReindexed()
    {
        var path = Write("doc.md", "Original words: apple.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);

        File.WriteAllText(path, "Rewritten words: banana and more.");
        var report = index.Sync();

        Assert.Equal((0, 1, 0, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Empty(index.Search("apple", 5));
        Assert.Single(index.Search("banana", 5));
        Assert.Equal(1, index.ChunkCount);
    }

    [Fact]
    public void Sync_SameContentNewTime_IsUnchanged()
    {
        var path = Write("doc.md", "Stable content.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(1));
        var report = index.Sync();

        Assert.Equal((0, 0, 1, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
    }

    [Fact]
    public void Sync_DeletedFile_IsDropped()
    {
        var path = Write("gone.md", "Temporary zebra facts.");
        Write("kept.md", "Permanent facts.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);

        File.Delete(path);
        var report = index.Sync();

        Assert.Equal(1, report.Removed);
        Assert.Empty(index.Search("zebra", 5));
        Assert.Equal(1, index.ChunkCount);
    }

    [Fact]
    public void Sync_NewFile_IsAdded()
    {
        Write("first.md", "First.");
        using var index = DocumentIndex.Open(_database);
        index.Add([_docs]);
        Write("second.md", "Second walrus.");

        var report = index.Sync();

        Assert.Equal((1, 0, 1, 0), (report.Added, report.Updated, report.Unchanged, report.Removed));
        Assert.Single(index.Search("walrus", 5));
    }

    [Fact]
    public void Sync_BinaryAndOversizedFiles_AreSkippedWithReason()
    {
        var binary = _folder.Write(Path.Combine("docs", "bin.txt"), "text\0with nul");
        Write("big.md", new string('a', 2000));
        using var index = DocumentIndex.Open(_database, new RetrievalOptions { MaxFileBytes = 1000 });

        var report = index.Add([_docs]);

        Assert.Equal(0, report.Added);
        Assert.Contains(report.Skipped, s => s.Path == binary && s.Reason == "binary (contains NUL bytes)");
        Assert.Contains(report.Skipped, s => s.Path.EndsWith("big.md", StringComparison.Ordinal) && s.Reason == "larger than 1000 bytes");
    }

    [Fact]
    public void Add_MissingPath_ChangesNothing()
    {
        Write("a.md", "Alpha.");
        using var index = DocumentIndex.Open(_database);

        var missing = Path.Combine(_folder.Path, "nope");
        var error = Assert.Throws<FileNotFoundException>(() => index.Add([_docs, missing]));

        Assert.Equal($"{missing} is neither a file nor a folder.", error.Message);
        Assert.Empty(index.Roots);
        Assert.Equal(0, index.ChunkCount);
    }

    [Fact]
    public void Add_SingleFile_IndexesIt()
    {
        var path = Write("only.md", "Only this file about otters.");
        Write("other.md", "Not this one.");
        using var index = DocumentIndex.Open(_database);

        var report = index.Add([path]);

        Assert.Equal(1, report.Added);
        Assert.Single(index.Search("otters", 5));
    }

    [Fact]
    public void Open_Again_KeepsEverything()
    {
        Write("a.md", "Persistent heron.");
        using (var index = DocumentIndex.Open(_database))
        {
            index.Add([_docs]);
        }

        using var reopened = DocumentIndex.OpenReadOnly(_database);
        Assert.Single(reopened.Search("heron", 5));
        Assert.Equal([_docs], reopened.Roots);
    }

    [Fact]
    public void OpenReadOnly_WriteAttempt_Throws()
    {
        using (var index = DocumentIndex.Open(_database))
        {
            index.Add([_folder.Path]);
        }

        using var readOnly = DocumentIndex.OpenReadOnly(_database);
        Assert.Throws<InvalidOperationException>(() => readOnly.Sync());
    }

    [Fact]
    public void OpenReadOnly_Missing_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => DocumentIndex.OpenReadOnly(_database));
    }
}
