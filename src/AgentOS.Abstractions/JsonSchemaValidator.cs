using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AgentOS.Abstractions;

/// <summary>
/// Checks tool-call arguments against a tool's JSON schema before any tool sees them, with messages
/// written for the model to correct its call from.
/// </summary>
/// <remarks>
/// Supports the subset tool schemas use: <c>type</c> (one or a list), <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c> (false or a schema), <c>enum</c>, <c>const</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>minLength</c>, <c>maxLength</c> (in Unicode code points),
/// <c>items</c>, <c>minItems</c>, <c>maxItems</c>, and the boolean schemas <c>true</c>/<c>false</c>. Other
/// keywords are ignored. An <c>integer</c> is a JSON number written without fraction or exponent that fits in
/// 64 bits. A property given twice is an error (readers disagree on which one wins).
/// </remarks>
public static class JsonSchemaValidator
{
    /// <summary>At most this many errors are reported; the first ones are the useful ones.</summary>
    public const int MaxErrors = 10;

    /// <summary>Returns every way (up to <see cref="MaxErrors"/>) <paramref name="arguments"/> breaks <paramref name="schema"/>; empty when valid.</summary>
    public static IReadOnlyList<SchemaValidationError> Validate(JsonElement schema, JsonElement arguments)
    {
        var errors = new List<SchemaValidationError>();
        if (arguments.ValueKind == JsonValueKind.Undefined)
        {
            errors.Add(new SchemaValidationError("", "the arguments are missing: expected a JSON object"));
            return errors;
        }

        Check(schema, arguments, "", errors);
        return errors;
    }

    /// <summary>
    /// Validates and, when invalid, gives one message that joins all errors with "; " — the form a
    /// <see cref="ToolErrorCode.InvalidArguments"/> result carries.
    /// </summary>
    public static bool TryValidate(JsonElement schema, JsonElement arguments, out string? errorMessage)
    {
        var errors = Validate(schema, arguments);
        errorMessage = errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Message));
        return errors.Count == 0;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        if (errors.Count >= MaxErrors)
        {
            return;
        }

        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return;
            case JsonValueKind.False:
                Add(errors, path, $"{Subject(path)} is not allowed");
                return;
            case JsonValueKind.Object:
                break;
            default:
                throw new ArgumentException($"A schema must be an object or a boolean; the one at '{path}' is {schema.ValueKind}.", nameof(schema));
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(type, value))
        {
            Add(errors, path, $"{Subject(path)} must be {DescribeType(type)}, got {Describe(value)}");
            return;
        }

        CheckEnum(schema, value, path, errors);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        schema.TryGetProperty("properties", out var properties);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!seen.Add(property.Name))
            {
                Add(errors, propertyPath, $"{Subject(propertyPath)} is given more than once");
                continue;
            }

            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, propertyPath, errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    Add(errors, propertyPath, $"unknown argument '{propertyPath}'{DescribeKnown(properties, path)}");
                }
                else
                {
                    Check(additional, property.Value, propertyPath, errors);
                }
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!seen.Contains(name))
                {
                    var propertyPath = path.Length == 0 ? name : $"{path}.{name}";
                    Add(errors, propertyPath, $"missing required argument '{propertyPath}'");
                }
            }
        }
    }

    private static void CheckArray(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        var count = value.GetArrayLength();
        if (TryGetInt(schema, "minItems", out var minItems) && count < minItems)
        {
            Add(errors, path, $"{Subject(path)} must have at least {Plural(minItems, "item")}, got {count}");
        }

        if (TryGetInt(schema, "maxItems", out var maxItems) && count > maxItems)
        {
            Add(errors, path, $"{Subject(path)} must have at most {Plural(maxItems, "item")}, got {count}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{index++}]", errors);
            }
        }
    }

    private static void CheckString(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        var text = value.GetString()!;
        var length = CountCodePoints(text);
        if (TryGetInt(schema, "minLength", out var minLength) && length < minLength)
        {
            Add(errors, path, length == 0
                ? $"{Subject(path)} must not be empty"
                : $"{Subject(path)} must be at least {Plural(minLength, "character")} long, got {length}");
        }

        if (TryGetInt(schema, "maxLength", out var maxLength) && length > maxLength)
        {
            Add(errors, path, $"{Subject(path)} must be at most {Plural(maxLength, "character")} long, got {length}");
        }
    }

    private static void CheckNumber(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        var shown = value.GetRawText();
        if (!value.TryGetDouble(out var number))
        {
            // Out of double's range (1e400): it still compares as an infinity of its sign.
            number = shown.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (TryGetNumber(schema, "minimum", out var minimum) && number < minimum)
        {
            Add(errors, path, $"{Subject(path)} must be at least {Format(minimum)}, got {shown}");
        }

        if (TryGetNumber(schema, "maximum", out var maximum) && number > maximum)
        {
            Add(errors, path, $"{Subject(path)} must be at most {Format(maximum)}, got {shown}");
        }

        if (TryGetNumber(schema, "exclusiveMinimum", out var exclusiveMinimum) && number <= exclusiveMinimum)
        {
            Add(errors, path, $"{Subject(path)} must be greater than {Format(exclusiveMinimum)}, got {shown}");
        }

        if (TryGetNumber(schema, "exclusiveMaximum", out var exclusiveMaximum) && number >= exclusiveMaximum)
        {
            Add(errors, path, $"{Subject(path)} must be less than {Format(exclusiveMaximum)}, got {shown}");
        }
    }

    private static void CheckEnum(JsonElement schema, JsonElement value, string path, List<SchemaValidationError> errors)
    {
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            Add(errors, path, $"{Subject(path)} must be {constant.GetRawText()}, got {Shorten(value.GetRawText())}");
        }

        if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
            && !options.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            var allowed = string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()));
            Add(errors, path, $"{Subject(path)} must be one of {allowed}, got {Shorten(value.GetRawText())}");
        }
    }

    private static bool MatchesType(JsonElement type, JsonElement value) => type.ValueKind switch
    {
        JsonValueKind.String => MatchesType(type.GetString()!, value),
        JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && MatchesType(t.GetString()!, value)),
        _ => true,
    };

    private static bool MatchesType(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    // Written without fraction or exponent, and within 64 bits: what an integer argument can be read into.
    private static bool IsInteger(JsonElement value) =>
        value.TryGetInt64(out _) && value.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static string DescribeType(JsonElement type)
    {
        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
            : [type.GetString() ?? ""];
        var described = names.Select(name => name switch
        {
            "string" => "a string",
            "number" => "a number",
            "integer" => "an integer",
            "boolean" => "true or false",
            "object" => "an object",
            "array" => "an array",
            "null" => "null",
            _ => name,
        }).ToList();
        return described.Count == 1 ? described[0] : string.Join(", ", described[..^1]) + " or " + described[^1];
    }

    // What a value is, in the words of the type keyword: "got number", "got string"; a number that fails
    // "integer" shows itself ("got 2.5"), since "must be an integer, got number" would not say what is wrong.
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value) ? "number" : Shorten(value.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string DescribeKnown(JsonElement properties, string path)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return path.Length == 0 ? "; this tool takes no arguments" : "";
        }

        var names = properties.EnumerateObject().Select(p => p.Name).ToList();
        return names.Count == 0 ? "; this tool takes no arguments" : $"; expected {string.Join(", ", names)}";
    }

    private static string Subject(string path) => path.Length == 0 ? "the arguments" : $"argument '{path}'";

    private static void Add(List<SchemaValidationError> errors, string path, string message)
    {
        if (errors.Count < MaxErrors)
        {
            errors.Add(new SchemaValidationError(path, message));
        }
    }

    private static bool TryGetInt(JsonElement schema, string keyword, out long result)
    {
        result = 0;
        return schema.TryGetProperty(keyword, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out result);
    }

    private static bool TryGetNumber(JsonElement schema, string keyword, out double result)
    {
        result = 0;
        return schema.TryGetProperty(keyword, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out result);
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Format(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 60 ? text : new StringBuilder(text, 0, 57, 60).Append("...").ToString();
}
