using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;

namespace AgentOS.Kernel.Formats;

/// <summary>Small rendering helpers shared by the formats.</summary>
internal static class FormatText
{
    /// <summary>A tool in the OpenAI function shape most templates print: <c>{"type": "function", "function": {...}}</c>.</summary>
    public static string ToolJson(ToolDefinition tool, int? indent = null)
    {
        using var document = JsonDocument.Parse(
            $"{{\"type\": \"function\", \"function\": {{\"name\": {JsonText.Quote(tool.Name)}, \"description\": {JsonText.Quote(tool.Description)}, \"parameters\": {tool.ParametersSchema.GetRawText()}}}}}");
        return JsonText.Write(document.RootElement, indent);
    }

    /// <summary><c>{"name": NAME, ARGKEY: {...}}</c> with template separators.</summary>
    public static string CallJson(ToolCall call, string argumentsKey) =>
        $"{{\"name\": {JsonText.Quote(call.Name)}, {JsonText.Quote(argumentsKey)}: {JsonText.Write(call.Arguments)}}}";

    /// <summary>The text of a result as a JSON string value: the content, or the error message.</summary>
    public static string ResultText(ToolResult result) => result.IsSuccess ? result.Content : result.Error.Message;

    /// <summary>The last user message's index, or -1.</summary>
    public static int LastUserIndex(IReadOnlyList<ConversationMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i] is UserMessage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Text with the given whitespace trimmed off both ends, or null when nothing is left.</summary>
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
