using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Train.Corpus;

/// <summary>One passage the retrieval tool returned: its source and its text.</summary>
/// <param name="Source">Where the passage comes from, as the tool names it (a path relative to the indexed folder).</param>
/// <param name="Text">The passage.</param>
internal sealed record RetrievalHit(string Source, string Text)
{
    /// <summary>The source's file name, which answers cite (the folder differs from machine to machine).</summary>
    public string FileName => Path.GetFileName(Source);

    /// <summary>The passages of a successful retrieval result, best first.</summary>
    public static IReadOnlyList<RetrievalHit> Read(ToolResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"A search the corpus expected to succeed failed: {result.Error.Message}");
        }

        using var document = JsonDocument.Parse(result.Content);
        var root = document.RootElement;
        var items = root.GetProperty("results");
        return [.. items.EnumerateArray().Select(item => new RetrievalHit(item.GetProperty("source").GetString()!, item.GetProperty("text").GetString()!))];
    }
}
