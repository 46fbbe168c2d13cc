using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Generic fallback for chat templates with no known tool-call markers. Turns are plain text
/// (<c>User:</c>, <c>Assistant:</c>, <c>Tool results:</c>, each followed by a newline and separated by a blank line);
/// the tools and the calling convention are described in the first block; a call is an assistant turn that is only a
/// JSON object <c>{"name": ..., "arguments": {...}}</c> or an array of them. Without an end-of-turn token, generation
/// ends at a <see cref="StopSequences">stop sequence</see>. Thinking is not rendered.
/// </summary>
public sealed class JsonToolCallFormat : IToolCallFormat
{
    private const string Shape = "{\"name\": \"<tool name>\", \"arguments\": {...}}";
    private const string Separator = "\n\n";

    private const string ToolInstructions =
        "# Tools\n\nYou can call the tools below. To call a tool, reply with only a JSON object " +
        "{\"name\": <tool name>, \"arguments\": <arguments object>}; to call several, reply with a JSON array of such objects. " +
        "The results come back in a \"Tool results:\" message.\n";

    /// <summary>The shared instance.</summary>
    public static JsonToolCallFormat Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "json";

    /// <inheritdoc />
    public IReadOnlyList<string> Markers => [];

    /// <inheritdoc />
    public IReadOnlyList<string> StopSequences { get; } = ["\n\nUser:", "\n\nTool results:", "\n\nAssistant:"];

    /// <summary>Always true: this format is the fallback for any template.</summary>
    public bool Matches(string chatTemplate) => true;

    /// <inheritdoc />
    public IReadOnlyList<PromptSegment> Render(Conversation conversation, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var segments = new List<PromptSegment>();
        var system = FormatText.NullIfBlank(conversation.SystemPrompt);
        if (system is not null || conversation.Tools.Count > 0)
        {
            segments.Add(PromptSegment.Template("System:\n"));
            if (system is not null)
            {
                segments.Add(PromptSegment.Content(system));
                segments.Add(PromptSegment.Template(conversation.Tools.Count > 0 ? Separator : string.Empty));
            }

            if (conversation.Tools.Count > 0)
            {
                segments.Add(PromptSegment.Template(ToolInstructions));
                foreach (var tool in conversation.Tools)
                {
                    segments.Add(PromptSegment.Content(FormatText.ToolJson(tool)));
                    segments.Add(PromptSegment.Template("\n"));
                }
            }

            segments.Add(PromptSegment.Template(system is not null && conversation.Tools.Count == 0 ? Separator : "\n"));
        }

        foreach (var message in conversation.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    segments.Add(PromptSegment.Template("User:\n"));
                    segments.Add(PromptSegment.Content(user.Text));
                    segments.Add(PromptSegment.Template(Separator));
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
        return message.ToolCalls.Count switch
        {
            0 => [PromptSegment.OutputContent(message.Text?.Trim() ?? string.Empty)],
            1 => [PromptSegment.OutputContent(FormatText.CallJson(message.ToolCalls[0], "arguments"))],
            _ => [PromptSegment.OutputContent($"[{string.Join(", ", message.ToolCalls.Select(c => FormatText.CallJson(c, "arguments")))}]")],
        };
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
    public IReadOnlyList<PromptSegment> RenderTurnEnd() => [PromptSegment.Template(Separator)];

    /// <inheritdoc />
    public string CreateCallId(int ordinal) => $"call_{ordinal}";

    /// <inheritdoc />
    public IToolCallParser CreateParser(ToolCallParserOptions? options = null) =>
        new TrailingCallParser(this, options ?? new ToolCallParserOptions(), [], leadingJsonStartsCall: true, body => JsonCallBodies.Read(body, Shape));

    /// <inheritdoc />
    public ToolCallGrammar BuildGrammar(IReadOnlyList<ToolDefinition> tools, Func<string, bool> markerIsSpecialToken)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var builder = new GbnfBuilder();
        var ws = builder.Ws;
        var call = builder.CallObject(tools, "arguments");
        var gbnf = builder.Build($"{call} | \"[\" {ws} {call} ({ws} \",\" {ws} {call})* {ws} \"]\"");
        return new ToolCallGrammar(gbnf, "root", [], [@"^\s*([\{\[])"]);
    }

    private static PromptSegment GenerationPrompt => PromptSegment.Template("Assistant:\n");

    private static void RenderResults(ToolResultsMessage results, List<PromptSegment> segments)
    {
        segments.Add(PromptSegment.Template("Tool results:\n"));
        foreach (var response in results.Responses)
        {
            var key = response.Result.IsSuccess ? "content" : "error";
            segments.Add(PromptSegment.Content(
                $"{{\"name\": {JsonText.Quote(response.ToolName)}, \"{key}\": {JsonText.Quote(FormatText.ResultText(response.Result))}}}"));
            segments.Add(PromptSegment.Template("\n"));
        }

        segments.Add(PromptSegment.Template("\n"));
    }
}
