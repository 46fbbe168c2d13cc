using System.Text;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Streaming parser for formats whose calls run from a start marker (or a leading JSON value) to the end of the turn:
/// Llama 3.x, Mistral and the generic JSON fallback. Prose before the call streams out as it comes; the call text is
/// collected and parsed when the turn ends.
/// </summary>
internal sealed class TrailingCallParser : IToolCallParser
{
    private readonly IToolCallFormat _format;
    private readonly MarkerScanner _scanner;
    private readonly HashSet<string> _callMarkers;
    private readonly bool _leadingJsonStartsCall;
    private readonly Func<string, List<ParseEvent>> _parseBody;
    private readonly StringBuilder _lead = new();
    private readonly List<StringBuilder> _calls = [];
    private State _state;
    private int _nextOrdinal;
    private bool _completed;

    /// <param name="format">The format (it makes the call ids).</param>
    /// <param name="options">Parser options.</param>
    /// <param name="callMarkers">Markers that start a call (each starts a new one).</param>
    /// <param name="leadingJsonStartsCall">True when a turn whose first non-space character is <c>{</c> or <c>[</c> is a call.</param>
    /// <param name="parseBody">Parses the text after one start marker (or the leading JSON) into calls and errors, ids still empty.</param>
    public TrailingCallParser(
        IToolCallFormat format,
        ToolCallParserOptions options,
        IReadOnlyList<string> callMarkers,
        bool leadingJsonStartsCall,
        Func<string, List<ParseEvent>> parseBody)
    {
        _format = format;
        _nextOrdinal = options.FirstCallOrdinal;
        _callMarkers = new HashSet<string>(callMarkers, StringComparer.Ordinal);
        _scanner = new MarkerScanner(callMarkers, options.MarkerIsSpecialToken);
        _leadingJsonStartsCall = leadingJsonStartsCall;
        _parseBody = parseBody;
        _state = leadingJsonStartsCall ? State.Start : State.Prose;
    }

    private enum State
    {
        Start,
        Prose,
        Call,
    }

    public IReadOnlyList<ParseEvent> Feed(GeneratedPiece piece)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var events = new List<ParseEvent>();
        foreach (var item in _scanner.Feed(piece))
        {
            Handle(item, events);
        }

        return events;
    }

    public IReadOnlyList<ParseEvent> Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var events = new List<ParseEvent>();
        foreach (var item in _scanner.Flush())
        {
            Handle(item, events);
        }

        if (_state == State.Start && _lead.Length > 0)
        {
            events.Add(new TextParsed(_lead.ToString()));
        }

        foreach (var call in _calls)
        {
            foreach (var parsed in _parseBody(call.ToString()))
            {
                events.Add(parsed is ToolCallParsed ok && string.IsNullOrEmpty(ok.Call.Id)
                    ? ok with { Call = ok.Call with { Id = _format.CreateCallId(_nextOrdinal++) } }
                    : parsed);
            }
        }

        _completed = true;
        return events;
    }

    private void Handle(ScanItem item, List<ParseEvent> events)
    {
        if (item.Marker is { } marker && _callMarkers.Contains(marker))
        {
            if (_state == State.Start && _lead.Length > 0)
            {
                events.Add(new TextParsed(_lead.ToString()));
                _lead.Clear();
            }

            _calls.Add(new StringBuilder());
            _state = State.Call;
            return;
        }

        var text = item.Text ?? item.Marker!;
        switch (_state)
        {
            case State.Call:
                _calls[^1].Append(text);
                break;
            case State.Prose:
                events.Add(new TextParsed(text));
                break;
            default:
                _lead.Append(text);
                var lead = _lead.ToString();
                var first = lead.AsSpan().TrimStart();
                if (first.Length == 0)
                {
                    break;
                }

                _lead.Clear();
                if (_leadingJsonStartsCall && first[0] is '{' or '[')
                {
                    _calls.Add(new StringBuilder(lead));
                    _state = State.Call;
                }
                else
                {
                    events.Add(new TextParsed(lead));
                    _state = State.Prose;
                }

                break;
        }
    }
}
