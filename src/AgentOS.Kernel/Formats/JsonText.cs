using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// Writes JSON the way chat templates do (Python's <c>json.dumps</c> as used by Jinja's <c>tojson</c>): <c>", "</c>
/// and <c>": "</c> separators, non-ASCII kept as is, optional indentation. System.Text.Json's writer uses other
/// separators and escapes <c>&lt;</c>, which would make our prompts differ from what model families were trained on.
/// </summary>
internal static class JsonText
{
    public static string Write(JsonElement element, int? indent = null)
    {
        var builder = new StringBuilder();
        WriteValue(builder, element, indent, 0);
        return builder.ToString();
    }

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        WriteString(builder, value);
        return builder.ToString();
    }

    public static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void WriteValue(StringBuilder builder, JsonElement element, int? indent, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteContainer(builder, '{', '}', element.EnumerateObject().ToList(), indent, depth, (b, p) =>
                {
                    WriteString(b, p.Name);
                    b.Append(": ");
                    WriteValue(b, p.Value, indent, depth + 1);
                });
                break;
            case JsonValueKind.Array:
                WriteContainer(builder, '[', ']', element.EnumerateArray().ToList(), indent, depth, (b, v) => WriteValue(b, v, indent, depth + 1));
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                builder.Append(element.GetRawText());
                break;
            default:
                throw new ArgumentException($"Cannot write a JSON value of kind {element.ValueKind}.", nameof(element));
        }
    }

    private static void WriteContainer<T>(StringBuilder builder, char open, char close, List<T> items, int? indent, int depth, Action<StringBuilder, T> writeItem)
    {
        builder.Append(open);
        if (items.Count == 0)
        {
            builder.Append(close);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (indent is { } step)
            {
                builder.Append(i == 0 ? "\n" : ",\n").Append(' ', step * (depth + 1));
            }
            else if (i > 0)
            {
                builder.Append(", ");
            }

            writeItem(builder, items[i]);
        }

        if (indent is { } width)
        {
            builder.Append('\n').Append(' ', width * depth);
        }

        builder.Append(close);
    }
}
