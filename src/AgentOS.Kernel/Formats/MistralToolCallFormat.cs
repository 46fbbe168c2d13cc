using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Mistral's tool calling (v3 tokenizer, as Mistral-7B-Instruct-v0.3 and its successors' templates): the tools in
/// <c>[AVAILABLE_TOOLS]</c> before the last user message, the system prompt at the top of that message, calls as
/// <c>[TOOL_CALLS] [{"name": ..., "arguments": {...}, "id": "…"}]</c> with nine-character ids, results as
/// <c>[TOOL_RESULTS] {"content": ..., "call_id": "…"}[/TOOL_RESULTS]</c>. The assistant turn has no opening marker:
/// the model continues right after <c>[/INST]</c> or <c>[/TOOL_RESULTS]</c>. The parser also reads the newer
/// <c>[TOOL_CALLS]name[ARGS]{...}</c> form. Thinking is not rendered.
/// </summary>
public sealed class MistralToolCallFormat : IToolCallFormat
{
    /// <summary>Starts the assistant's calls.</summary>
    public const string ToolCalls = "[TOOL_CALLS]";

    /// <summary>Separates a call's name from its arguments in the newer call form.</summary>
    public const string Args = "[ARGS]";

    /// <summary>Opens a user instruction.</summary>
    public const string InstOpen = "[INST]";

    /// <summary>Closes a user instruction.</summary>
    public const string InstClose = "[/INST]";

    /// <summary>Opens the tool list.</summary>
    public const string AvailableToolsOpen = "[AVAILABLE_TOOLS]";

    /// <summary>Closes the tool list.</summary>
    public const string AvailableToolsClose = "[/AVAILABLE_TOOLS]";

    /// <summary>Opens a tool result.</summary>
    public const string ToolResultsOpen = "[TOOL_RESULTS]";

    /// <summary>Closes a tool result.</summary>
    public const string ToolResultsClose = "[/TOOL_RESULTS]";

    /// <summary>End of sequence, which ends every assistant turn.</summary>
    public const string EndOfSequence = "</s>";

    private const string Shape = "[{\"name\": \"<tool name>\", \"arguments\": {...}}]";

    /// <summary>The shared instance.</summary>
    public static MistralToolCallFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "mistral";

    /// <inheritdoc />
    public IReadOnlyList<string> Markers { get; } =
        [InstOpen, InstClose, AvailableToolsOpen, AvailableToolsClose, ToolCalls, ToolResultsOpen, ToolResultsClose, EndOfSequence];

    /// <inheritdoc />
    public IReadOnlyList<string> StopSequences => [];

    /// <inheritdoc />
    public bool Matches(string chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(chatTemplate);
        return chatTemplate.Contains(ToolCalls, StringComparison.Ordinal) || chatTemplate.Contains(InstOpen, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> Render(Conversation conversation, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var segments = new List<PromptSegment>();
        var lastUser = FormatText.LastUserIndex(conversation.Messages);
        var system = FormatText.NullIfBlank(conversation.SystemPrompt);
        for (var i = 0; i < conversation.Messages.Count; i++)
        {
            switch (conversation.Messages[i])
            {
                case UserMessage user:
                    if (i == lastUser && conversation.Tools.Count > 0)
                    {
                        segments.Add(PromptSegment.Template($"{AvailableToolsOpen} ["));
                        for (var t = 0; t < conversation.Tools.Count; t++)
                        {
                            segments.Add(PromptSegment.Template(t == 0 ? string.Empty : ", "));
                            segments.Add(PromptSegment.Content(FormatText.ToolJson(conversation.Tools[t])));
                        }

                        segments.Add(PromptSegment.Template($"]{AvailableToolsClose}"));
                    }

                    segments.Add(PromptSegment.Template($"{InstOpen} "));
                    if (i == lastUser && system is not null)
                    {
                        segments.Add(PromptSegment.Content(system));
                        segments.Add(PromptSegment.Template("\n\n"));
                    }

                    segments.Add(PromptSegment.Content(user.Text));
                    segments.Add(PromptSegment.Template(InstClose));
                    break;
                case AssistantMessage assistant:
                    segments.AddRange(RenderAssistantOutput(assistant));
                    segments.AddRange(RenderTurnEnd());
                    break;
                case ToolResultsMessage results:
                    RenderResults(results, segments);
                    break;
                default:
                    throw new ArgumentException($"Unknown message type {conversation.Messages[i].GetType().Name}.", nameof(conversation));
            }
        }

        // The assistant turn has no opening marker in this format: the generation prompt is empty.
        _ = addGenerationPrompt;
        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderAssistantOutput(AssistantMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ToolCalls.Count == 0)
        {
            return [PromptSegment.OutputContent(" " + (message.Text?.Trim() ?? string.Empty))];
        }

        var calls = message.ToolCalls.Select(c =>
            $"{{\"name\": {JsonText.Quote(c.Name)}, \"arguments\": {JsonText.Write(c.Arguments)}, \"id\": {JsonText.Quote(c.Id)}}}");
        return [PromptSegment.OutputTemplate(ToolCalls), PromptSegment.OutputContent($" [{string.Join(", ", calls)}]")];
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderToolResultsTurn(ToolResultsMessage results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var segments = new List<PromptSegment>(RenderTurnEnd());
        RenderResults(results, segments);
        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderTurnEnd() => [PromptSegment.OutputTemplate(EndOfSequence)];

    /// <summary>Nine alphanumeric characters, as Mistral's templates require.</summary>
    public string CreateCallId(int ordinal) => $"call{ordinal:D5}";

    /// <inheritdoc />
    public IToolCallParser CreateParser(ToolCallParserOptions? options = null) =>
        new TrailingCallParser(this, options ?? new ToolCallParserOptions(), [ToolCalls], leadingJsonStartsCall: false, ReadBody);

    /// <inheritdoc />
    public ToolCallGrammar BuildGrammar(IReadOnlyList<ToolDefinition> tools, Func<string, bool> markerIsSpecialToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(markerIsSpecialToken);
        var builder = new GbnfBuilder();
        var ws = builder.Ws;
        var call = builder.CallObject(tools, "arguments");
        var marker = GbnfBuilder.Marker(ToolCalls, markerIsSpecialToken);
        var gbnf = builder.Build($"{marker} {ws} \"[\" {ws} {call} ({ws} \",\" {ws} {call})* {ws} \"]\"");
        return markerIsSpecialToken(ToolCalls)
            ? new ToolCallGrammar(gbnf, "root", [ToolCalls], [])
            : new ToolCallGrammar(gbnf, "root", [], [$"({HermesToolCallFormat.RegexEscape(ToolCalls)})"]);
    }

    private static List<ParseEvent> ReadBody(string body)
    {
        var args = body.IndexOf(Args, StringComparison.Ordinal);
        if (args < 0)
        {
            return JsonCallBodies.Read(body, Shape);
        }

        // Newer form: NAME[ARGS]{...}
        var name = body[..args].Trim();
        var json = body[(args + Args.Length)..].Trim();
        if (name.Length == 0)
        {
            return [new ToolCallFailed($"The tool call has no name before {Args}.", body, null)];
        }

        if (!ToolCallJson.TryParseValue(json, out var arguments, out var error))
        {
            return [new ToolCallFailed($"The arguments of the call to '{name}' are not valid JSON ({error}).", body, name)];
        }

        using var document = System.Text.Json.JsonDocument.Parse($"{{\"name\": {JsonText.Quote(name)}, \"arguments\": {arguments.GetRawText()}}}");
        return [ToolCallJson.ReadCall(document.RootElement.Clone(), body, null, Shape)];
    }

    private static void RenderResults(ToolResultsMessage results, List<PromptSegment> segments)
    {
        foreach (var response in results.Responses)
        {
            var key = response.Result.IsSuccess ? "content" : "error";
            segments.Add(PromptSegment.Template($"{ToolResultsOpen} "));
            segments.Add(PromptSegment.Content(
                $"{{\"{key}\": {JsonText.Quote(FormatText.ResultText(response.Result))}, \"call_id\": {JsonText.Quote(response.CallId)}}}"));
            segments.Add(PromptSegment.Template(ToolResultsClose));
        }
    }
}
