using AgentOS.Tools.Retrieval;

namespace AgentOS.Tools.Tests.Retrieval;

public sealed class DocumentChunkerTests
{
    [Fact]
    public void Chunk_Markdown_SplitsAtHeadingsWithHeadingPath()
    {
        var text = "# Guide\nIntro line.\n\n## Install\nRun the installer.\n\n### Linux\nUse apt.\n\n## Usage\nCall it.";
        var chunks = DocumentChunker.Chunk(text, markdown: true, maxChars: 1000);
        Assert.Equal(
            [
                ("Guide", 1, 2),
                ("Guide > Install", 4, 5),
                ("Guide > Install > Linux", 7, 8),
                ("Guide > Usage", 10, 11),
            ],
            chunks.Select(c => (c.Heading, c.StartLine, c.EndLine)));
        Assert.Equal("## Install\nRun the installer.", chunks[1].Text);
    }

    [Fact]
    public void Chunk_HashInsideCodeFence_IsNotAHeading()
    {
        var text = "# Script\n```bash\n# not a heading\n\necho hi\n```\nAfter.";
        var chunks = DocumentChunker.Chunk(text, markdown: true, maxChars: 1000);
        var chunk = Assert.Single(chunks);
        Assert.Equal("Script", chunk.Heading);
        Assert.Equal((1, 7), (chunk.StartLine, chunk.EndLine));
    }

    [Fact]
    public void Chunk_Text_HashLinesAreText()
    {
        var chunks = DocumentChunker.Chunk("# just text\nmore", markdown: false, maxChars: 1000);
        Assert.Equal("", Assert.Single(chunks).Heading);
    }

    [Fact]
    public void Chunk_ManyParagraphs_PacksUpToLimit()
    {
        var paragraphs = Enumerable.Range(1, 10).Select(i => $"Paragraph {i} " + new string('x', 40));
        var chunks = DocumentChunker.Chunk(string.Join("\n\n", paragraphs), markdown: false, maxChars: 120);
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 120, c.Text));
        Assert.Equal(5, chunks.Count);
        Assert.Equal((1, 3), (chunks[0].StartLine, chunks[0].EndLine));
        Assert.Equal(19, chunks[^1].EndLine);
    }

    [Fact]
    public void Chunk_LongParagraph_SplitsAtLineEnds()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"line {i:00} " + new string('y', 30));
        var chunks = DocumentChunker.Chunk(string.Join('\n', lines), markdown: false, maxChars: 200);
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 200));
        Assert.Equal(1, chunks[0].StartLine);
        Assert.Equal(30, chunks[^1].EndLine);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i - 1].EndLine + 1, chunks[i].StartLine);
        }
    }

    [Fact]
    public void Chunk_HugeLine_SplitsAtLimitAndKeepsLineNumber()
    {
        var chunks = DocumentChunker.Chunk("before\n\n" + new string('z', 2500) + "\n\nafter", markdown: false, maxChars: 1000);
        Assert.Equal(["before", new string('z', 1000), new string('z', 1000), new string('z', 500), "after"], chunks.Select(c => c.Text));
        Assert.Equal([1, 3, 3, 3, 5], chunks.Select(c => c.StartLine));
    }

    [Fact]
    public void Chunk_WindowsLineEndings_CountLinesTheSame()
    {
        var chunks = DocumentChunker.Chunk("a\r\n\r\nb\r\nc", markdown: false, maxChars: 3);
        Assert.Equal([(1, 1), (3, 4)], chunks.Select(c => (c.StartLine, c.EndLine)));
    }

    [Fact]
    public void Chunk_Empty_HasNoChunks()
    {
        Assert.Empty(DocumentChunker.Chunk("\n\n  \n", markdown: true, maxChars: 1000));
    }
}
