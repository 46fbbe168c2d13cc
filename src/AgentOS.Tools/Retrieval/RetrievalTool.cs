using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Abstractions;
using Microsoft.Data.Sqlite;

namespace AgentOS.Tools.Retrieval;

/// <summary>
/// The <c>retrieval</c> tool: full-text search (SQLite FTS5, BM25) over the passages of the documents in the
/// index (<see cref="DocumentIndex"/>, filled by <c>agentos index add</c>). It opens the index read-only: a
/// model can search it, never change it. Passages are returned as data; text such as <c>&lt;tool_call&gt;</c> inside
/// a document is part of a JSON string and nothing more.
/// </summary>
/// <remarks>
/// The result is JSON: <c>{"results": [{"source": "guides/setup.md", "lines": "10-24", "heading": "Install > Linux", "text": …}]}</c>,
/// best first; <c>heading</c> is left out for passages without one, and <c>results</c> is empty when nothing matches.
/// </remarks>
public sealed class RetrievalTool : Tool<RetrievalArguments>
{
    /// <summary>The name the model calls this tool by.</summary>
    public const string ToolName = "retrieval";

    private static readonly JsonWriterOptions ContentWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _databasePath;
    private readonly RetrievalOptions _options;

    /// <summary>Creates the tool over the index at <paramref name="databasePath"/> (it may not exist yet).</summary>
    public RetrievalTool(string databasePath, RetrievalOptions? options = null)
        : base(
            ToolName,
            "Searches the user's indexed documents (full-text, BM25) and returns the best matching passages with their " +
            "source file and line range. Use it for questions about the user's notes, manuals and files.")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _databasePath = Path.GetFullPath(databasePath);
        _options = options ?? new RetrievalOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    protected override Task<ToolResult> InvokeAsync(RetrievalArguments arguments, CancellationToken cancellationToken)
    {
        if (FtsQuery.Build(arguments.Query) is null)
        {
            return Task.FromResult(ToolResult.Fail(ToolErrorCode.ExecutionError, "the query has no words to search for"));
        }

        if (!File.Exists(_databasePath))
        {
            return Task.FromResult(ToolResult.Fail(ToolErrorCode.ExecutionError,
                "no documents are indexed yet; the user can add some with: agentos index add PATH"));
        }

        try
        {
            using var index = DocumentIndex.OpenReadOnly(_databasePath, _options);
            var hits = index.Search(arguments.Query, arguments.K ?? _options.DefaultResults);
            return Task.FromResult(ToolResult.Ok(Format(hits)));
        }
        catch (Exception exception) when (exception is SqliteException or InvalidDataException)
        {
            return Task.FromResult(ToolResult.Fail(ToolErrorCode.ExecutionError,
                $"the document index cannot be read ({exception.Message}); the user can rebuild it with: agentos index add PATH"));
        }
    }

    private static string Format(IReadOnlyList<SearchHit> hits)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ContentWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results");
            foreach (var hit in hits)
            {
                writer.WriteStartObject();
                writer.WriteString("source", hit.Source);
                writer.WriteString("lines", hit.StartLine == hit.EndLine ? $"{hit.StartLine}" : $"{hit.StartLine}-{hit.EndLine}");
                if (hit.Heading.Length > 0)
                {
                    writer.WriteString("heading", hit.Heading);
                }

                writer.WriteString("text", hit.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
