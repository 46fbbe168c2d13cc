using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// ChatML with Hermes/Qwen tool tokens, the project's default (DESIGN.md, "Tool-call protocol"). Rendered the way
/// Qwen2.5/Qwen3 templates render it: the tool schemas as JSON lines inside <c>&lt;tools&gt;</c> in the system turn,
/// each call as <c>&lt;tool_call&gt;\n{"name": ..., "arguments": ...}\n&lt;/tool_call&gt;</c>, thinking in
/// <c>&lt;think&gt;</c>, and all results of a turn in one user turn as
/// <c>&lt;tool_response&gt;\n{"name": ..., "content": ...}\n&lt;/tool_response&gt;</c> blocks (an error has
/// <c>"error"</c> instead of <c>"content"</c>).
/// </summary>
public sealed class HermesToolCallFormat : IToolCallFormat
{
    /// <summary>Opens a ChatML turn.</summary>
    public const string ImStart = "<|im_start|>";

    /// <summary>Ends a ChatML turn (the model's end-of-generation token).</summary>
    public const string ImEnd = "<|im_end|>";

    /// <summary>Opens a call.</summary>
    public const string ToolCallOpen = "<tool_call>";

    /// <summary>Closes a call.</summary>
    public const string ToolCallClose = "</tool_call>";

    /// <summary>Opens a tool response.</summary>
    public const string ToolResponseOpen = "<tool_response>";

    /// <summary>Closes a tool response.</summary>
    public const string ToolResponseClose = "</tool_response>";

    /// <summary>Opens the model's thinking.</summary>
    public const string ThinkOpen = "<think>";

    /// <summary>Closes the model's thinking.</summary>
    public const string ThinkClose = "</think>";

    private const string ToolsPreamble =
        "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n<tools>";

    private const string ToolsPostamble =
        "\n</tools>\n\nFor each function call, return a json object with function name and arguments within " +
        "<tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

    /// <summary>The shared instance.</summary>
    public static HermesToolCallFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "hermes";

    /// <inheritdoc />
    public IReadOnlyList<string> Markers { get; } =
        [ImStart, ImEnd, ToolCallOpen, ToolCallClose, ToolResponseOpen, ToolResponseClose, ThinkOpen, ThinkClose];

    /// <inheritdoc />
    public IReadOnlyList<string> StopSequences => [];

    /// <inheritdoc />
    public bool Matches(string chatTemplate)
    {
        ArgumentNullException.ThrowIfNull(chatTemplate);
        return chatTemplate.Contains(ToolCallOpen, StringComparison.Ordinal) || chatTemplate.Contains(ImStart, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> Render(Conversation conversation, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var segments = new List<PromptSegment>();
        RenderSystem(conversation, segments);
        foreach (var message in conversation.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    segments.Add(PromptSegment.Template($"{ImStart}user\n"));
                    segments.Add(PromptSegment.Content(user.Text));
                    segments.Add(PromptSegment.Template($"{ImEnd}\n"));
                    break;
                case AssistantMessage assistant:
                    segments.Add(GenerationPrompt);
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
            segments.Add(GenerationPrompt);
        }

        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderAssistantOutput(AssistantMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var segments = new List<PromptSegment>();
        if (FormatText.NullIfBlank(message.Thinking) is { } thinking)
        {
            segments.Add(PromptSegment.OutputTemplate(ThinkOpen));
            segments.Add(PromptSegment.OutputContent($"\n{thinking.Trim('\n')}\n"));
            segments.Add(PromptSegment.OutputTemplate(ThinkClose));
            segments.Add(PromptSegment.OutputContent("\n\n"));
        }

        var wroteSomething = false;
        if (FormatText.NullIfBlank(message.Text) is { } text)
        {
            segments.Add(PromptSegment.OutputContent(text.Trim('\n')));
            wroteSomething = true;
        }

        foreach (var call in message.ToolCalls)
        {
            if (wroteSomething)
            {
                segments.Add(PromptSegment.OutputContent("\n"));
            }

            segments.Add(PromptSegment.OutputTemplate(ToolCallOpen));
            segments.Add(PromptSegment.OutputContent($"\n{FormatText.CallJson(call, "arguments")}\n"));
            segments.Add(PromptSegment.OutputTemplate(ToolCallClose));
            wroteSomething = true;
        }

        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderToolResultsTurn(ToolResultsMessage results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var segments = new List<PromptSegment>(RenderTurnEnd());
        RenderResults(results, segments);
        segments.Add(GenerationPrompt);
        return segments;
    }

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> RenderTurnEnd() => [PromptSegment.OutputTemplate(ImEnd), PromptSegment.Template("\n")];

    /// <inheritdoc />
    public string CreateCallId(int ordinal) => $"call_{ordinal}";

    /// <inheritdoc />
    public IToolCallParser CreateParser(ToolCallParserOptions? options = null) => new HermesToolCallParser(this, options ?? new ToolCallParserOptions());

    /// <inheritdoc />
    public ToolCallGrammar BuildGrammar(IReadOnlyList<ToolDefinition> tools, Func<string, bool> markerIsSpecialToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(markerIsSpecialToken);
        var builder = new GbnfBuilder();
        var ws = builder.Ws;
        var callObject = builder.CallObject(tools, "arguments");
        var open = GbnfBuilder.Marker(ToolCallOpen, markerIsSpecialToken);
        var close = GbnfBuilder.Marker(ToolCallClose, markerIsSpecialToken);
        var block = builder.AddRule("tool-call-block", $"{open} {ws} {callObject} {ws} {close}");
        var gbnf = builder.Build($"{block} (\"\\n\" {block})*");
        return markerIsSpecialToken(ToolCallOpen)
            ? new ToolCallGrammar(gbnf, "root", [ToolCallOpen], [])
            : new ToolCallGrammar(gbnf, "root", [], [$"({RegexEscape(ToolCallOpen)})"]);
    }

    internal static string RegexEscape(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static PromptSegment GenerationPrompt => PromptSegment.Template($"{ImStart}assistant\n");

    private static void RenderSystem(Conversation conversation, List<PromptSegment> segments)
    {
        var system = FormatText.NullIfBlank(conversation.SystemPrompt);
        if (system is null && conversation.Tools.Count == 0)
        {
            return;
        }

        segments.Add(PromptSegment.Template($"{ImStart}system\n"));
        if (system is not null)
        {
            segments.Add(PromptSegment.Content(system));
        }

        if (conversation.Tools.Count > 0)
        {
            segments.Add(PromptSegment.Template(system is null ? ToolsPreamble : "\n\n" + ToolsPreamble));
            foreach (var tool in conversation.Tools)
            {
                segments.Add(PromptSegment.Template("\n"));
                segments.Add(PromptSegment.Content(FormatText.ToolJson(tool)));
            }

            segments.Add(PromptSegment.Template(ToolsPostamble));
        }

        segments.Add(PromptSegment.Template($"{ImEnd}\n"));
    }

    private static void RenderResults(ToolResultsMessage results, List<PromptSegment> segments)
    {
        segments.Add(PromptSegment.Template($"{ImStart}user"));
        foreach (var response in results.Responses)
        {
            segments.Add(PromptSegment.Template($"\n{ToolResponseOpen}\n"));
            var key = response.Result.IsSuccess ? "content" : "error";
            segments.Add(PromptSegment.Content(
                $"{{\"name\": {JsonText.Quote(response.ToolName)}, \"{key}\": {JsonText.Quote(FormatText.ResultText(response.Result))}}}"));
            segments.Add(PromptSegment.Template($"\n{ToolResponseClose}"));
        }

        segments.Add(PromptSegment.Template($"{ImEnd}\n"));
    }
}
