using System.Globalization;
using AgentOS.Tools.Calculator;
using AgentOS.Tools.Js;
using AgentOS.Tools.Retrieval;

namespace AgentOS.Train.Corpus;

/// <summary>
/// The real tools the corpus and the evaluation run: the calculator, the js tool (its worker processes) and the
/// retrieval tool over an index of the synthetic documents — in the order the kernel offers them, which is the order
/// of their schemas in the system turn.
/// </summary>
/// <remarks>
/// Retrieval reports a passage's source as its full path, and the path is part of every transcript that searches.
/// So the documents live at a path fixed by the seed and size of the collection,
/// <c>/tmp/agentos-corpus/s{seed}-d{count}/</c>: the same on every machine, which keeps the corpus reproducible from
/// a clean clone. The index itself is a private temporary file.
/// </remarks>
public sealed class CorpusTools : IDisposable
{
    private readonly JsTool _js;
    private readonly string _indexPath;

    private CorpusTools(JsTool js, string indexPath, ToolBox toolBox, string documentsDirectory)
    {
        _js = js;
        _indexPath = indexPath;
        ToolBox = toolBox;
        DocumentsDirectory = documentsDirectory;
    }

    /// <summary>The tools.</summary>
    public ToolBox ToolBox { get; }

    /// <summary>Where the documents were written and indexed from.</summary>
    public string DocumentsDirectory { get; }

    /// <summary>The folder the documents of a collection are written to.</summary>
    public static string DocumentsDirectoryFor(ulong seed, int documentCount) =>
        string.Create(CultureInfo.InvariantCulture, $"/tmp/agentos-corpus/s{seed}-d{documentCount}");

    /// <summary>Writes <paramref name="documents"/> to their fixed folder, indexes them, and creates the tools.</summary>
    public static CorpusTools Create(DocumentLibrary documents, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var directory = DocumentsDirectoryFor(seed, documents.Documents.Count);
        documents.WriteTo(directory);
        return Open(directory);
    }

    /// <summary>Indexes the documents in <paramref name="directory"/> and creates the tools (for evaluations).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CorpusTools Open(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The documents folder {directory} does not exist.");
        }

        directory = Path.GetFullPath(directory);
        var indexPath = Path.Combine(Path.GetTempPath(), $"agentos-corpus-index-{Guid.NewGuid():N}.db");
        using (var index = DocumentIndex.Open(indexPath))
        {
            index.Add([directory]);
        }

        // More scripts per worker than the default: the corpus runs thousands of one-line scripts, and a worker's
        // result does not depend on how many scripts it ran before (each runs in a fresh engine).
        var js = new JsTool(new JsToolOptions { MaxScriptsPerWorker = 2000 });
        var toolBox = new ToolBox([new CalculatorTool(), js, new RetrievalTool(indexPath)]);
        return new CorpusTools(js, indexPath, toolBox, directory);
    }

    /// <summary>Stops the js workers and deletes the index.</summary>
    public void Dispose()
    {
        _js.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_indexPath + suffix);
            }
            catch (IOException)
            {
                // A leftover temporary index is harmless.
            }
        }
    }
}
