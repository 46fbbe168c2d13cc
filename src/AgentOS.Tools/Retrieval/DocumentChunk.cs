namespace AgentOS.Tools.Retrieval;

/// <summary>A passage of a document: its heading path ("Install > Linux"), 1-based inclusive line range and text.</summary>
internal sealed record DocumentChunk(string Heading, int StartLine, int EndLine, string Text);
