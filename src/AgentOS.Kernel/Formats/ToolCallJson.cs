using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Kernel.Formats;

/// <summary>Reads the JSON of a call (<c>{"name": ..., "arguments": {...}}</c>) with errors written for the model.</summary>
internal static class ToolCallJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses any JSON value; returns the error text on failure.</summary>
    public static bool TryParseValue(string text, out JsonElement value, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            value = document.RootElement.Clone();
            error = string.Empty;
            return true;
        }
        catch (JsonException exception)
        {
            value = default;
            error = Describe(exception);
            return false;
        }
    }

    /// <summary>
    /// Reads one call object. Accepts <c>arguments</c> or <c>parameters</c> (Llama's key), and arguments written as
    /// a JSON string holding an object (OpenAI's wire form).
    /// </summary>
    public static ParseEvent ReadCall(JsonElement element, string rawText, string? id, string expectedShape)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ToolCallFailed($"A tool call must be a JSON object; write it as {expectedShape}.", rawText, null);
        }

        if (!element.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            return new ToolCallFailed($"The tool call has no \"name\" string; write it as {expectedShape}.", rawText, null);
        }

        var name = nameElement.GetString()!;
        if (!element.TryGetProperty("arguments", out var arguments) && !element.TryGetProperty("parameters", out arguments))
        {
            arguments = EmptyObject();
        }

        if (arguments.ValueKind == JsonValueKind.String)
        {
            if (!TryParseValue(arguments.GetString()!, out var inner, out _))
            {
                return new ToolCallFailed($"The \"arguments\" of the call to '{name}' must be a JSON object.", rawText, name);
            }

            arguments = inner;
        }

        if (arguments.ValueKind == JsonValueKind.Null)
        {
            arguments = EmptyObject();
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return new ToolCallFailed($"The \"arguments\" of the call to '{name}' must be a JSON object, not {Describe(arguments.ValueKind)}.", rawText, name);
        }

        if (id is null && element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String)
        {
            id = idElement.GetString();
        }

        return new ToolCallParsed(new ToolCall(id ?? string.Empty, name, arguments), rawText);
    }

    /// <summary>Best effort to read the tool name from broken JSON, for error messages.</summary>
    public static string? GuessName(string text)
    {
        var key = text.IndexOf("\"name\"", StringComparison.Ordinal);
        if (key < 0)
        {
            return null;
        }

        var open = text.IndexOf('"', key + 6);
        if (open < 0)
        {
            return null;
        }

        var close = text.IndexOf('"', open + 1);
        if (close <= open + 1 || close - open > 65)
        {
            return null;
        }

        var name = text[(open + 1)..close];
        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.') ? name : null;
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static string Describe(JsonException exception)
    {
        var where = exception.BytePositionInLine is { } position ? $" at position {position + 1}" : string.Empty;
        var line = exception.LineNumber is { } number && number > 0 ? $" of line {number + 1}" : string.Empty;
        var reason = exception.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = reason.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0)
            {
                reason = reason[..cut];
            }
        }

        return $"{reason.TrimEnd('.')}{where}{line}";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
