namespace AgentOS.Tools.Retrieval;

/// <summary>A file the indexer did not index, and why.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Reason">Why, in a few words ("larger than 10 MiB", "binary", "unreadable: …").</param>
public sealed record SkippedFile(string Path, string Reason);
