namespace AgentOS.Kernel.Formats;

/// <summary>Splits and reads call bodies written as JSON: one object, several objects, or an array of objects.</summary>
internal static class JsonCallBodies
{
    /// <summary>
    /// Reads <paramref name="body"/> as a JSON array of call objects, or as one or more call objects separated by
    /// whitespace, <c>;</c> or <c>,</c>.
    /// </summary>
    public static List<ParseEvent> Read(string body, string shape)
    {
        var events = new List<ParseEvent>();
        var text = body.Trim();
        if (text.Length == 0)
        {
            events.Add(new ToolCallFailed($"The tool call is empty; write {shape}.", body, null));
            return events;
        }

        if (text[0] == '[')
        {
            if (!ToolCallJson.TryParseValue(text, out var array, out var error))
            {
                events.Add(new ToolCallFailed($"The tool calls are not valid JSON ({error}); write a JSON array of {shape}.", body, ToolCallJson.GuessName(text)));
                return events;
            }

            if (array.GetArrayLength() == 0)
            {
                events.Add(new ToolCallFailed($"The list of tool calls is empty; write a JSON array of {shape}.", body, null));
            }

            foreach (var item in array.EnumerateArray())
            {
                events.Add(ToolCallJson.ReadCall(item, item.GetRawText(), null, shape));
            }

            return events;
        }

        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && (char.IsWhiteSpace(text[position]) || text[position] is ';' or ','))
            {
                position++;
            }

            if (position >= text.Length)
            {
                break;
            }

            if (text[position] != '{')
            {
                events.Add(new ToolCallFailed($"Unexpected text in a tool call at position {position + 1}; write {shape}.", body, ToolCallJson.GuessName(text)));
                break;
            }

            var end = FindObjectEnd(text, position);
            var piece = end < 0 ? text[position..] : text[position..(end + 1)];
            if (end < 0)
            {
                events.Add(new ToolCallFailed($"The tool call is not valid JSON (the object is not closed); write {shape}.", piece, ToolCallJson.GuessName(piece)));
                break;
            }

            if (!ToolCallJson.TryParseValue(piece, out var value, out var parseError))
            {
                events.Add(new ToolCallFailed($"The tool call is not valid JSON ({parseError}); write {shape}.", piece, ToolCallJson.GuessName(piece)));
                break;
            }

            events.Add(ToolCallJson.ReadCall(value, piece, null, shape));
            position = end + 1;
        }

        return events;
    }

    /// <summary>Index of the brace that closes the object starting at <paramref name="start"/>, or -1.</summary>
    private static int FindObjectEnd(string text, int start)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }
}
