using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Llama 3.1/3.2/3.3 JSON tool calling, rendered as Meta's template does: <c>Environment: ipython</c> in the system
/// header, the tool schemas (indented JSON) with the calling instructions at the top of the first user message, a
/// call as <c>{"name": ..., "parameters": {...}}</c> (optionally after <c>&lt;|python_tag|&gt;</c>) filling the
/// assistant turn, and each result in its own <c>ipython</c> turn. Several calls in one turn are written one per line
/// (Meta's template allows only one). Thinking is not part of this family's format and is not rendered.
/// </summary>
public sealed class Llama3ToolCallFormat : IToolCallFormat
{
    /// <summary>Opens a role header.</summary>
    public const string StartHeader = "<|start_header_id|>";

    /// <summary>Closes a role header.</summary>
    public const string EndHeader = "<|end_header_id|>";

    /// <summary>Ends a turn.</summary>
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>Ends a message that expects a tool result (built-in tools).</summary>
    public const string EndOfMessage = "<|eom_id|>";

    /// <summary>Starts a tool call.</summary>
    public const string PythonTag = "<|python_tag|>";

    private const string Shape = "{\"name\": \"<tool name>\", \"parameters\": {...}}";

    private const string ToolInstructions =
        "Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n" +
        "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}.Do not use variables.\n\n";

    /// <summary>The shared instance.</summary>
    public static Llama3ToolCallFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "llama3";

    /// <inheritdoc />
    public IReadOnlyList<string> Markers { get; } = [StartHeader, EndHeader, EndOfTurn, EndOfMessage, PythonTag];

    /// <inheritdoc />
    public IReadOnlyList<string> StopSequences => [];

    /// <summary>The date written into the system header (Meta's template default).</summary>
    public string TodayDate { get; init; } = "26 Jul 2024";

    /// <inheritdoc />
    public bool Matches(string chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(chatTemplate);
        return chatTemplate.Contains(PythonTag, StringComparison.Ordinal) || chatTemplate.Contains(StartHeader, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> Render(Conversation conversation, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var segments = new List<PromptSegment>
        {
            Header("system"),
            PromptSegment.Template(conversation.Tools.Count > 0 ? "Environment: ipython\n" : string.Empty),
            PromptSegment.Template($"Cutting Knowledge Date: December 2023\nToday Date: {TodayDate}\n\n"),
        };
        if (FormatText.NullIfBlank(conversation.SystemPrompt) is { } system)
        {
            segments.Add(PromptSegment.Content(system));
        }

        segments.Add(PromptSegment.Template(EndOfTurn));
        var toolsPlaced = conversation.Tools.Count == 0;
        foreach (var message in conversation.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    segments.Add(Header("user"));
                    if (!toolsPlaced)
                    {
                        segments.Add(PromptSegment.Template(ToolInstructions));
                        foreach (var tool in conversation.Tools)
                        {
                            segments.Add(PromptSegment.Content(FormatText.ToolJson(tool, indent: 4)));
                            segments.Add(PromptSegment.Template("\n\n"));
                        }

                        toolsPlaced = true;
                    }

                    segments.Add(PromptSegment.Content(user.Text));
                    segments.Add(PromptSegment.Template(EndOfTurn));
                    break;
                case AssistantMessage assistant:
                    segments.Add(Header("assistant"));
                    segments.AddRange(RenderAssistantOutput(assistant));
                    segments.AddRange(RenderTurnEnd());
                    break;
                case ToolResultsMessage results:
                    RenderResults(results, segments);
                    break;
                default:
                    throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(conversation));
            }
        }

        if (addGenerationPrompt)
        {
            segments.Add(Header("assistant"));
        }

        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderAssistantOutput(AssistantMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ToolCalls.Count == 0)
        {
            return [PromptSegment.OutputContent(message.Text?.Trim() ?? string.Empty)];
        }

        return [PromptSegment.OutputContent(string.Join("\n", message.ToolCalls.Select(c => FormatText.CallJson(c, "parameters"))))];
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderToolResultsTurn(ToolResultsMessage results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var segments = new List<PromptSegment>(RenderTurnEnd());
        RenderResults(results, segments);
        segments.Add(Header("assistant"));
        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderTurnEnd() => [PromptSegment.OutputTemplate(EndOfTurn)];

    /// <inheritdoc />
    public string CreateCallId(int ordinal) => $"call_{ordinal}";

    /// <inheritdoc />
    public IToolCallParser CreateParser(ToolCallParserOptions? options = null) =>
        new TrailingCallParser(this, options ?? new ToolCallParserOptions(), [PythonTag], leadingJsonStartsCall: true, body => JsonCallBodies.Read(body, Shape));

    /// <inheritdoc />
    public ToolCallGrammar BuildGrammar(IReadOnlyList<ToolDefinition> tools, Func<string, bool> markerIsSpecialToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(markerIsSpecialToken);
        var builder = new GbnfBuilder();
        var ws = builder.Ws;
        var call = builder.CallObject(tools, "parameters");
        var tag = GbnfBuilder.Marker(PythonTag, markerIsSpecialToken);
        var gbnf = builder.Build($"({tag} {ws})? {call} (\"\\n\" {call})*");
        var patterns = new List<string> { @"^\s*(\{)" };
        if (!markerIsSpecialToken(PythonTag))
        {
            patterns.Add($"({HermesToolCallFormat.RegexEscape(PythonTag)})");
        }

        return new ToolCallGrammar(gbnf, "root", markerIsSpecialToken(PythonTag) ? [PythonTag] : [], patterns);
    }

    private static PromptSegment Header(string role) => PromptSegment.Template($"{StartHeader}{role}{EndHeader}\n\n");

    private static void RenderResults(ToolResultsMessage results, List<PromptSegment> segments)
    {
        foreach (var response in results.Responses)
        {
            segments.Add(Header("ipython"));
            segments.Add(PromptSegment.Content(response.Result.IsSuccess
                ? response.Result.Content
                : $"{{\"error\": {JsonText.Quote(response.Result.Error.Message)}}}"));
            segments.Add(PromptSegment.Template(EndOfTurn));
        }
    }
}
