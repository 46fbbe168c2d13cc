using System.Globalization;
using System.Text;
using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Kernel.Grammar;

/// <summary>
/// Builds GBNF for llama.cpp's grammar sampler from JSON schemas. Supports the schema subset tool arguments use:
/// object (properties, required), string (enum, const, minLength, maxLength), integer, number, boolean, null,
/// array (items, minItems, maxItems), enum and const of any JSON value, anyOf/oneOf, and type lists. Objects accept
/// only their declared properties, required ones first, each in declaration order; a schema this builder does not
/// understand accepts any JSON value (the host still validates the arguments before the tool runs).
/// </summary>
internal sealed class GbnfBuilder
{
    private const int MaxDepth = 32;
    private readonly List<(string Name, string Body)> _rules = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _primitives = new(StringComparer.Ordinal);

    /// <summary>The rule reference for whitespace between JSON tokens.</summary>
    public string Ws => Primitive("ws", "[ \\t\\n]{0,8}");

    /// <summary>A GBNF literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7F)
                    {
                        builder.Append("\\x").Append(rune.Value.ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A grammar element matching a marker: the special token itself when it is one, else its text.</summary>
    public static string Marker(string marker, Func<string, bool> markerIsSpecialToken) =>
        markerIsSpecialToken(marker) ? marker : Literal(marker);

    /// <summary>Adds a rule under a unique name derived from <paramref name="hint"/> and returns the name.</summary>
    public string AddRule(string hint, string body)
    {
        var name = UniqueName(hint);
        _rules.Add((name, body));
        return name;
    }

    /// <summary>
    /// The alternatives <c>{"name": "TOOL", ARGUMENTS_KEY: ARGS}</c> for each tool, as one rule; the name selects the
    /// argument schema, so a call can only name a registered tool with arguments of that tool's shape.
    /// </summary>
    public string CallObject(IReadOnlyList<ToolDefinition> tools, string argumentsKey)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tools.Count, nameof(tools));
        var ws = Ws;
        var alternatives = new List<string>();
        foreach (var tool in tools)
        {
            var args = Schema(tool.ParametersSchema, tool.Name + "-args", 0);
            alternatives.Add(AddRule("call-" + tool.Name,
                $"\"{{\" {ws} {Literal("\"name\"")} {ws} \":\" {ws} {Literal(JsonString(tool.Name))} {ws} \",\" {ws} {Literal(JsonString(argumentsKey))} {ws} \":\" {ws} {args} {ws} \"}}\""));
        }

        return AddRule("call", string.Join(" | ", alternatives));
    }

    /// <summary>The whole grammar text with <paramref name="rootBody"/> as the <c>root</c> rule.</summary>
    public string Build(string rootBody)
    {
        var builder = new StringBuilder();
        builder.Append("root ::= ").Append(rootBody).Append('\n');
        foreach (var (name, body) in _rules)
        {
            builder.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Returns a rule reference (or inline element) matching JSON values of <paramref name="schema"/>.</summary>
    public string Schema(JsonElement schema, string hint, int depth)
    {
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return Value();
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(Json(constant));
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return AddRule(hint, string.Join(" | ", values.EnumerateArray().Select(v => Literal(Json(v)))));
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
            {
                var i = 0;
                return AddRule(hint, string.Join(" | ", options.EnumerateArray().Select(o => Schema(o, $"{hint}-{i++}", depth + 1))));
            }
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? ObjectSchema(schema, hint, depth) : Value();
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            var alternatives = type.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.String)
                .Select(t => Typed(t.GetString()!, schema, hint + "-" + t.GetString(), depth))
                .ToList();
            return alternatives.Count == 0 ? Value() : AddRule(hint, string.Join(" | ", alternatives));
        }

        return type.ValueKind == JsonValueKind.String ? Typed(type.GetString()!, schema, hint, depth) : Value();
    }

    private string Typed(string type, JsonElement schema, string hint, int depth) => type switch
    {
        "object" => ObjectSchema(schema, hint, depth),
        "array" => ArraySchema(schema, hint, depth),
        "string" => StringSchema(schema, hint),
        "integer" => IntegerSchema(schema),
        "number" => Primitive("number", "\"-\"? (\"0\" | [1-9] [0-9]{0,15}) (\".\" [0-9]{1,16})? ([eE] [-+]? [0-9]{1,3})?"),
        "boolean" => Primitive("boolean", "\"true\" | \"false\""),
        "null" => "\"null\"",
        _ => Value(),
    };

    private string ObjectSchema(JsonElement schema, string hint, int depth)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return Primitive("object", ObjectBody());
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var requiredList) && requiredList.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in requiredList.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        var all = properties.EnumerateObject().ToList();
        var ordered = all.Where(p => required.Contains(p.Name)).Concat(all.Where(p => !required.Contains(p.Name))).ToList();
        if (ordered.Count == 0)
        {
            return Literal("{") + " " + Ws + " " + Literal("}");
        }

        var ws = Ws;
        var pairs = ordered
            .Select(p => (Required: required.Contains(p.Name),
                Pair: $"{Literal(JsonString(p.Name))} {ws} \":\" {ws} {Schema(p.Value, hint + "-" + p.Name, depth + 1)}"))
            .ToList();

        // Two rules per position: the rest of the object when nothing was written yet (no comma needed) and when
        // something was (comma first). This expresses "required ones always, optional ones maybe, in order".
        var first = new string[pairs.Count + 1];
        var after = new string[pairs.Count + 1];
        first[pairs.Count] = after[pairs.Count] = string.Empty;
        for (var i = pairs.Count - 1; i >= 0; i--)
        {
            var (isRequired, pair) = pairs[i];
            var afterBody = isRequired
                ? $"{ws} \",\" {ws} {pair} {after[i + 1]}"
                : $"({ws} \",\" {ws} {pair} {after[i + 1]}) | {Or(after[i + 1])}";
            after[i] = AddRule($"{hint}-after-{i}", afterBody);
            var firstBody = isRequired
                ? $"{pair} {after[i + 1]}"
                : $"({pair} {after[i + 1]}) | {Or(first[i + 1])}";
            first[i] = AddRule($"{hint}-from-{i}", firstBody);
        }

        return AddRule(hint, $"\"{{\" {ws} {first[0]} {ws} \"}}\"");
    }

    private static string Or(string rule) => rule.Length == 0 ? "\"\"" : rule;

    private string ArraySchema(JsonElement schema, string hint, int depth)
    {
        var item = schema.TryGetProperty("items", out var items) ? Schema(items, hint + "-item", depth + 1) : Value();
        var min = ReadInt(schema, "minItems") ?? 0;
        var max = ReadInt(schema, "maxItems");
        var ws = Ws;
        var next = $"({ws} \",\" {ws} {item})";
        string body;
        if (max is 0)
        {
            body = $"\"[\" {ws} \"]\"";
        }
        else
        {
            var restMin = Math.Max(min - 1, 0);
            var rest = max is { } m ? $"{next}{{{restMin},{m - 1}}}" : $"{next}{{{restMin},}}";
            var items1 = $"{item} {rest}";
            body = min == 0 ? $"\"[\" {ws} ({items1})? {ws} \"]\"" : $"\"[\" {ws} {items1} {ws} \"]\"";
        }

        return AddRule(hint, body);
    }

    private string StringSchema(JsonElement schema, string hint)
    {
        var min = ReadInt(schema, "minLength");
        var max = ReadInt(schema, "maxLength");
        var character = Primitive("char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})");
        if (min is null && max is null)
        {
            return Primitive("string", $"\"\\\"\" {character}* \"\\\"\"");
        }

        var repeat = $"{{{min ?? 0},{(max is { } m ? m.ToString(CultureInfo.InvariantCulture) : string.Empty)}}}";
        return AddRule(hint, $"\"\\\"\" {character}{repeat} \"\\\"\"");
    }

    private string IntegerSchema(JsonElement schema)
    {
        var minimum = schema.TryGetProperty("minimum", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : double.NegativeInfinity;
        return minimum >= 0
            ? Primitive("natural", "\"0\" | [1-9] [0-9]{0,15}")
            : Primitive("integer", "\"-\"? (\"0\" | [1-9] [0-9]{0,15})");
    }

    private string Value()
    {
        if (_primitives.Contains("value"))
        {
            return "value";
        }

        _primitives.Add("value");
        _names.Add("value");
        var body = "object | array | string | number | boolean | \"null\"";
        _rules.Add(("value", body));
        Primitive("object", ObjectBody());
        var ws = Ws;
        Primitive("array", $"\"[\" {ws} (value ({ws} \",\" {ws} value)*)? {ws} \"]\"");
        Primitive("string", $"\"\\\"\" {Primitive("char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})")}* \"\\\"\"");
        Primitive("number", "\"-\"? (\"0\" | [1-9] [0-9]{0,15}) (\".\" [0-9]{1,16})? ([eE] [-+]? [0-9]{1,3})?");
        Primitive("boolean", "\"true\" | \"false\"");
        return "value";
    }

    private string ObjectBody()
    {
        var ws = Ws;
        var str = Primitive("string", $"\"\\\"\" {Primitive("char", "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})")}* \"\\\"\"");
        Value();
        return $"\"{{\" {ws} ({str} {ws} \":\" {ws} value ({ws} \",\" {ws} {str} {ws} \":\" {ws} value)*)? {ws} \"}}\"";
    }

    private string Primitive(string name, string body)
    {
        if (_primitives.Add(name))
        {
            _names.Add(name);
            _rules.Add((name, body));
        }

        return name;
    }

    private string UniqueName(string hint)
    {
        var builder = new StringBuilder();
        foreach (var c in hint)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var baseName = builder.Length == 0 ? "r" : builder.ToString();
        var name = baseName;
        for (var i = 2; !_names.Add(name) || name == "root"; i++)
        {
            name = $"{baseName}-{i}";
        }

        return name;
    }

    private static int? ReadInt(JsonElement schema, string property) =>
        schema.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n : null;

    private static string Json(JsonElement value) => Formats.JsonText.Write(value);

    private static string JsonString(string value) => Formats.JsonText.Quote(value);
}
