namespace AgentOS.Tools.Retrieval;

/// <summary>Settings of the document index and the <c>retrieval</c> tool.</summary>
public sealed class RetrievalOptions
{
    /// <summary>The index's SQLite file. Default: <c>index.db</c> in <see cref="ToolsOptions.DataDirectory"/>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Passages returned when a call gives no <c>k</c>. Default 3.</summary>
    public int DefaultResults { get; set; } = 3;

    /// <summary>Largest chunk, in characters; longer paragraphs are split at line ends. Default 1500.</summary>
    public int MaxChunkChars { get; set; } = 1500;

    /// <summary>Files larger than this are skipped (and reported). Default 10 MiB.</summary>
    public long MaxFileBytes { get; set; } = 10L << 20;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (DefaultResults is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultResults), DefaultResults, "DefaultResults must be between 1 and 10.");
        }

        if (MaxChunkChars is < 100 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxChunkChars), MaxChunkChars, "MaxChunkChars must be between 100 and 100000.");
        }

        if (MaxFileBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "MaxFileBytes must be positive.");
        }
    }
}
