using System.Text;
using System.Text.RegularExpressions;

namespace AgentOS.Tools.Retrieval;

/// <summary>
/// Splits a document into passages for the index. Markdown is first cut at ATX headings (<c># Title</c>,
/// outside code fences) and every passage carries its heading path; then, in both Markdown and text,
/// paragraphs (runs of non-blank lines; a code fence is one paragraph) are packed into chunks of at most
/// <c>maxChars</c> characters. A longer paragraph is split at line ends, a longer line at the limit itself.
/// </summary>
internal static partial class DocumentChunker
{
    public static List<DocumentChunk> Chunk(string text, bool markdown, int maxChars)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var chunks = new List<DocumentChunk>();
        var headings = new List<(int Level, string Title)>();
        var pending = new List<Paragraph>();
        var paragraph = new List<int>();
        var inFence = false;

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (markdown && IsFence(line))
            {
                inFence = !inFence;
                paragraph.Add(i);
                continue;
            }

            if (markdown && !inFence && HeadingPattern().Match(line) is { Success: true } heading)
            {
                EndParagraph();
                Flush();
                var level = heading.Groups[1].Length;
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, heading.Groups[2].Value.Trim().TrimEnd('#').Trim()));
                paragraph.Add(i);
                EndParagraph();
                continue;
            }

            if (!inFence && string.IsNullOrWhiteSpace(line))
            {
                EndParagraph();
                continue;
            }

            paragraph.Add(i);
        }

        EndParagraph();
        Flush();
        return chunks;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                pending.Add(new Paragraph(paragraph[0], paragraph[^1]));
                paragraph.Clear();
            }
        }

        // Packs the section's paragraphs into chunks, then starts a new section.
        void Flush()
        {
            var headingPath = string.Join(" > ", headings.Select(h => h.Title));
            var start = -1;
            var end = -1;
            foreach (var piece in pending.SelectMany(p => Pieces(lines, p, maxChars)))
            {
                if (start >= 0 && Length(lines, start, piece.Last) > maxChars)
                {
                    chunks.Add(Make(lines, headingPath, start, end));
                    start = -1;
                }

                if (piece.Text is not null)
                {
                    // A single over-long line: its own chunks, cut at the limit.
                    chunks.AddRange(piece.Text.Chunk(maxChars).Select(part => new DocumentChunk(headingPath, piece.First + 1, piece.First + 1, new string(part))));
                    continue;
                }

                if (start < 0)
                {
                    start = piece.First;
                }

                end = piece.Last;
            }

            if (start >= 0)
            {
                chunks.Add(Make(lines, headingPath, start, end));
            }

            pending.Clear();
        }
    }

    // A paragraph as pieces that each fit: the whole paragraph, or runs of its lines, or one over-long line.
    private static IEnumerable<Piece> Pieces(string[] lines, Paragraph paragraph, int maxChars)
    {
        if (Length(lines, paragraph.First, paragraph.Last) <= maxChars)
        {
            yield return new Piece(paragraph.First, paragraph.Last, null);
            yield break;
        }

        var start = -1;
        for (var i = paragraph.First; i <= paragraph.Last; i++)
        {
            if (lines[i].Length > maxChars)
            {
                if (start >= 0)
                {
                    yield return new Piece(start, i - 1, null);
                    start = -1;
                }

                yield return new Piece(i, i, lines[i]);
                continue;
            }

            if (start >= 0 && Length(lines, start, i) > maxChars)
            {
                yield return new Piece(start, i - 1, null);
                start = -1;
            }

            if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            yield return new Piece(start, paragraph.Last, null);
        }
    }

    private static int Length(string[] lines, int first, int last)
    {
        var length = 0;
        for (var i = first; i <= last; i++)
        {
            length += lines[i].Length + 1;
        }

        return length - 1;
    }

    private static DocumentChunk Make(string[] lines, string heading, int first, int last)
    {
        var text = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            text.Append(lines[i].TrimEnd()).Append('\n');
        }

        return new DocumentChunk(heading, first + 1, last + 1, text.ToString().Trim('\n'));
    }

    private static bool IsFence(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^ {0,3}(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    private readonly record struct Paragraph(int First, int Last);

    private readonly record struct Piece(int First, int Last, string? Text);
}
