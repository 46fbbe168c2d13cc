using System.Text;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Splits a stream of generated pieces into text and markers. A marker that is a special token of the vocabulary is
/// recognised only as that token; a marker that is not is searched for in the text, holding back a tail that could
/// still grow into it, so markers split across pieces are found.
/// </summary>
internal sealed class MarkerScanner
{
    private readonly HashSet<string> _tokenMarkers = new(StringComparer.Ordinal);
    private readonly List<string> _textMarkers = [];
    private readonly StringBuilder _pending = new();

    public MarkerScanner(IEnumerable<string> markers, Func<string, bool> markerIsSpecialToken)
    {
        foreach (var marker in markers)
        {
            if (markerIsSpecialToken(marker))
            {
                _tokenMarkers.Add(marker);
            }
            else
            {
                _textMarkers.Add(marker);
            }
        }
    }

    /// <summary>Consumes a piece; returns text runs and markers in stream order.</summary>
    public List<ScanItem> Feed(GeneratedPiece piece)
    {
        var items = new List<ScanItem>();
        if (piece.IsSpecial)
        {
            // A special token ends any partial text marker: what was held back is plain text.
            FlushPending(items);
            items.Add(_tokenMarkers.Contains(piece.Text) ? ScanItem.OfMarker(piece.Text) : ScanItem.OfText(piece.Text));
            return items;
        }

        _pending.Append(piece.Text);
        ScanPending(items);
        return items;
    }

    /// <summary>Releases held-back text at the end of the stream.</summary>
    public List<ScanItem> Flush()
    {
        var items = new List<ScanItem>();
        FlushPending(items);
        return items;
    }

    private void ScanPending(List<ScanItem> items)
    {
        if (_textMarkers.Count == 0)
        {
            FlushPending(items);
            return;
        }

        var text = _pending.ToString();
        var start = 0;
        while (true)
        {
            var (index, marker) = FindFirstMarker(text, start);
            if (marker is null)
            {
                break;
            }

            if (index > start)
            {
                items.Add(ScanItem.OfText(text[start..index]));
            }

            items.Add(ScanItem.OfMarker(marker));
            start = index + marker.Length;
        }

        var hold = HeldBackLength(text, start);
        if (text.Length - hold > start)
        {
            items.Add(ScanItem.OfText(text[start..(text.Length - hold)]));
        }

        _pending.Clear().Append(text, text.Length - hold, hold);
    }

    private (int Index, string? Marker) FindFirstMarker(string text, int start)
    {
        var best = -1;
        string? found = null;
        foreach (var marker in _textMarkers)
        {
            var index = text.IndexOf(marker, start, StringComparison.Ordinal);
            if (index >= 0 && (best < 0 || index < best || (index == best && marker.Length > found!.Length)))
            {
                best = index;
                found = marker;
            }
        }

        return (best, found);
    }

    /// <summary>Length of the longest tail of the text that is a proper prefix of a text marker.</summary>
    private int HeldBackLength(string text, int start)
    {
        var longest = 0;
        foreach (var marker in _textMarkers)
        {
            var max = Math.Min(marker.Length - 1, text.Length - start);
            for (var length = max; length > longest; length--)
            {
                if (string.CompareOrdinal(text, text.Length - length, marker, 0, length) == 0)
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }

    private void FlushPending(List<ScanItem> items)
    {
        if (_pending.Length > 0)
        {
            items.Add(ScanItem.OfText(_pending.ToString()));
            _pending.Clear();
        }
    }
}

/// <summary>A run of text or a marker.</summary>
internal readonly record struct ScanItem(string? Text, string? Marker)
{
    public static ScanItem OfText(string text) => new(text, null);

    public static ScanItem OfMarker(string marker) => new(null, marker);
}
