using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Train.Corpus;

/// <summary>Reads the values the answers copy out of real tool results.</summary>
internal static class ToolOutput
{
    /// <summary>
    /// The value of a successful result as the answer writes it: the <c>result</c> of a js result object
    /// (<c>{"result": VALUE}</c>), a JSON string's text, any other JSON value's text, or the content itself when it
    /// is no JSON (the calculator's plain number).
    /// </summary>
    /// <exception cref="InvalidOperationException">The call failed where the family expected it to succeed.</exception>
    public static string Value(ToolResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"A call the corpus expected to succeed failed: {result.Error.Code}: {result.Error.Message}");
        }

        var content = result.Content.Trim();
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(content);
            value = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return content;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("result", out var inner))
        {
            value = inner;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
