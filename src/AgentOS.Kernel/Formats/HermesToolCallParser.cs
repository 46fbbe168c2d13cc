using System.Text;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Streaming parser for <see cref="HermesToolCallFormat"/>: text outside markers is prose, text inside
/// <c>&lt;think&gt;</c> is thought, and each <c>&lt;tool_call&gt;</c>…<c>&lt;/tool_call&gt;</c> block is one call.
/// </summary>
internal sealed class HermesToolCallParser : IToolCallParser
{
    private const string Shape = "{\"name\": \"<tool name>\", \"arguments\": {...}} between <tool_call> and </tool_call>";
    private readonly IToolCallFormat _format;
    private readonly MarkerScanner _scanner;
    private readonly StringBuilder _call = new();
    private State _state = State.Prose;
    private bool _inString;
    private bool _escaped;
    private int _nextOrdinal;
    private bool _completed;

    public HermesToolCallParser(IToolCallFormat format, ToolCallParserOptions options)
    {
        _format = format;
        _nextOrdinal = options.FirstCallOrdinal;
        _scanner = new MarkerScanner(
            [HermesToolCallFormat.ToolCallOpen, HermesToolCallFormat.ToolCallClose, HermesToolCallFormat.ThinkOpen, HermesToolCallFormat.ThinkClose],
            options.MarkerIsSpecialToken);
    }

    private enum State
    {
        Prose,
        Thinking,
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

        if (_state == State.Call)
        {
            var raw = _call.ToString();
            events.Add(new ToolCallFailed(
                "The tool call was not closed: the turn ended before </tool_call>. Write the whole call, then </tool_call>.",
                raw,
                ToolCallJson.GuessName(raw)));
        }

        _completed = true;
        return events;
    }

    private void Handle(ScanItem item, List<ParseEvent> events)
    {
        if (item.Text is { } text)
        {
            switch (_state)
            {
                case State.Prose:
                    events.Add(new TextParsed(text));
                    break;
                case State.Thinking:
                    events.Add(new ThoughtParsed(text));
                    break;
                default:
                    AppendCallText(text);
                    break;
            }

            return;
        }

        if (_state == State.Call && (_inString || item.Marker is HermesToolCallFormat.ThinkOpen or HermesToolCallFormat.ThinkClose))
        {
            // Inside a JSON string any marker is text the model wrote (the grammar admits a marker token there too),
            // and a thinking marker is never part of the call's structure.
            AppendCallText(item.Marker!);
            return;
        }

        switch (item.Marker)
        {
            case HermesToolCallFormat.ToolCallOpen:
                if (_state == State.Call)
                {
                    var raw = _call.ToString();
                    events.Add(new ToolCallFailed(
                        "A new <tool_call> started before the previous one was closed with </tool_call>.", raw, ToolCallJson.GuessName(raw)));
                }

                _call.Clear();
                _inString = _escaped = false;
                _state = State.Call;
                break;
            case HermesToolCallFormat.ToolCallClose:
                if (_state == State.Call)
                {
                    events.Add(ParseCall(_call.ToString()));
                    _call.Clear();
                    _state = State.Prose;
                }

                // A stray </tool_call> outside a call carries nothing; it is dropped.
                break;
            case HermesToolCallFormat.ThinkOpen:
                if (_state == State.Prose)
                {
                    _state = State.Thinking;
                }

                break;
            case HermesToolCallFormat.ThinkClose:
                if (_state == State.Thinking)
                {
                    _state = State.Prose;
                }

                break;
        }
    }

    /// <summary>Appends call text, following whether it ends inside a JSON string.</summary>
    private void AppendCallText(string text)
    {
        _call.Append(text);
        foreach (var c in text)
        {
            if (_escaped)
            {
                _escaped = false;
            }
            else if (_inString && c == '\\')
            {
                _escaped = true;
            }
            else if (c == '"')
            {
                _inString = !_inString;
            }
        }
    }

    private ParseEvent ParseCall(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return new ToolCallFailed($"The tool call is empty; write {Shape}.", raw, null);
        }

        if (!ToolCallJson.TryParseValue(text, out var value, out var error))
        {
            return new ToolCallFailed($"The tool call is not valid JSON ({error}); write {Shape}.", raw, ToolCallJson.GuessName(text));
        }

        var parsed = ToolCallJson.ReadCall(value, raw, null, Shape);
        if (parsed is ToolCallParsed ok)
        {
            return ok with { Call = ok.Call with { Id = _format.CreateCallId(_nextOrdinal++) } };
        }

        return parsed;
    }
}
