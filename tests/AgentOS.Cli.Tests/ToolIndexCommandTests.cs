namespace AgentOS.Cli.Tests;

/// <summary><c>agentos index add PATH...</c> with the global <c>--data</c> folder.</summary>
public sealed class ToolIndexCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agentos-index-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task IndexAdd_Folder_ReportsAndWritesIndexInDataFolder()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(docs, "a.md"), "# A\nalpha");
        await File.WriteAllTextAsync(Path.Combine(docs, "b.txt"), "beta");
        var data = Path.Combine(_root, "data");

        var (exitCode, output, error) = await ToolCliRunner.RunAsync("index", "add", docs, "--data", data);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Equal($"indexed 2 new and 0 changed files, 0 unchanged, 0 removed; 2 passages in {Path.Combine(data, "index.db")}\n", output);
    }

    [Fact]
    public async Task IndexAdd_Again_PicksUpChanges()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        var file = Path.Combine(docs, "a.md");
        await File.WriteAllTextAsync(file, "first");
        await File.WriteAllTextAsync(Path.Combine(docs, "gone.md"), "soon gone");
        var data = Path.Combine(_root, "data");
        await ToolCliRunner.RunAsync("--data", data, "index", "add", docs);

        await File.WriteAllTextAsync(file, "second version, longer");
        File.Delete(Path.Combine(docs, "gone.md"));
        var (exitCode, output, _) = await ToolCliRunner.RunAsync("--data", data, "index", "add", docs);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("indexed 0 new and 1 changed files, 0 unchanged, 1 removed; 1 passages", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAdd_MissingPath_OneLineAndNothingAdded()
    {
        var data = Path.Combine(_root, "data");
        var missing = Path.Combine(_root, "missing");

        var (exitCode, output, error) = await ToolCliRunner.RunAsync("--data", data, "index", "add", _root, missing);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal($"agentos: {missing} is neither a file nor a folder.\n", error);
    }

    [Fact]
    public async Task IndexAdd_SkippedFile_IsReported()
    {
        var binary = Path.Combine(_root, "blob.txt");
        await File.WriteAllBytesAsync(binary, [0x41, 0x00, 0x42]);

        var (exitCode, output, _) = await ToolCliRunner.RunAsync("--data", Path.Combine(_root, "data"), "index", "add", binary);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"skipped {binary}: binary (contains NUL bytes)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexAdd_CorruptDatabase_OneLine()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "index.db"), "this is not a database, just text that is long enough to have a header");

        var (exitCode, _, error) = await ToolCliRunner.RunAsync("--data", data, "index", "add", _root);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("agentos: ", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void FromDataDirectory_Explicit_IsUsedForIndex()
    {
        var paths = AgentOSPaths.FromDataDirectory(Path.Combine(_root, "x"));
        Assert.Equal(Path.Combine(_root, "x"), paths.DataDirectory);
        Assert.Equal(Path.Combine(_root, "x", "index.db"), paths.IndexDatabase);
    }
}
