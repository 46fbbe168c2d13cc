namespace AgentOS.Tools.Retrieval;

/// <summary>What one synchronisation of the index with its folders did.</summary>
/// <param name="Added">Files indexed for the first time.</param>
/// <param name="Updated">Files whose content changed and were indexed again.</param>
/// <param name="Unchanged">Files left as they were (same size and time, or same content hash).</param>
/// <param name="Removed">Documents dropped because their file is gone or no longer under a root.</param>
/// <param name="Chunks">Passages in the index afterwards.</param>
/// <param name="Skipped">Files not indexed, each with the reason (too large, binary, unreadable).</param>
public sealed record IndexSyncReport(
    int Added,
    int Updated,
    int Unchanged,
    int Removed,
    long Chunks,
    IReadOnlyList<SkippedFile> Skipped);
