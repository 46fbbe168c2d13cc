using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace AgentOS.Abstractions;

/// <summary>
/// Derives the JSON schema of a tool's arguments from a typed arguments record, so the schema the model
/// sees and the type the tool reads can never disagree.
/// </summary>
/// <remarks>
/// Rules: property names are snake_case; a constructor parameter without a default value is required;
/// <see cref="DescriptionAttribute"/> becomes <c>description</c>; <see cref="RangeAttribute"/> becomes
/// <c>minimum</c>/<c>maximum</c>; <see cref="MinLengthAttribute"/>, <see cref="MaxLengthAttribute"/> and
/// <see cref="StringLengthAttribute"/> become <c>minLength</c>/<c>maxLength</c> (or <c>minItems</c>/<c>maxItems</c>
/// on arrays); enums are strings; unknown properties are refused (<c>additionalProperties: false</c>). An
/// optional nullable property is published with its plain type: leaving it out is how a call says "none".
/// </remarks>
public static class ToolSchema
{
    private static readonly ConcurrentDictionary<Type, JsonElement> Cache = new();

    /// <summary>The schema of <typeparamref name="TArgs"/>.</summary>
    public static JsonElement For<TArgs>() => For(typeof(TArgs));

    /// <summary>The schema of <paramref name="argumentsType"/>, an object type (usually a record).</summary>
    public static JsonElement For(Type argumentsType)
    {
        ArgumentNullException.ThrowIfNull(argumentsType);
        // A cloned element owns its memory and is immutable, so one instance per type can be shared.
        return Cache.GetOrAdd(argumentsType, Derive);
    }

    private static JsonElement Derive(Type argumentsType)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var schema = ToolArgumentsJson.Options.GetJsonSchemaAsNode(argumentsType, exporterOptions);
        if (schema is not JsonObject root || root["type"]?.GetValue<string>() != "object")
        {
            throw new ArgumentException($"Tool arguments must be an object type; {argumentsType.Name} is not.", nameof(argumentsType));
        }

        using var document = JsonDocument.Parse(schema.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var property = context.PropertyInfo;
        if (property is null || schema is not JsonObject node)
        {
            return schema;
        }

        var attributes = Attributes(property.AttributeProvider)
            .Concat(Attributes(property.AssociatedParameter?.AttributeProvider))
            .ToList();

        if (attributes.OfType<DescriptionAttribute>().FirstOrDefault() is { } description)
        {
            node.Insert(0, "description", description.Description);
        }

        DropNullFromOptional(node);
        var isArray = node["type"] is JsonValue type && type.GetValue<string>() == "array";
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    node["minimum"] = JsonValue.Create(Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture));
                    node["maximum"] = JsonValue.Create(Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case StringLengthAttribute length:
                    if (length.MinimumLength > 0)
                    {
                        node["minLength"] = length.MinimumLength;
                    }

                    node["maxLength"] = length.MaximumLength;
                    break;
                case MinLengthAttribute min:
                    node[isArray ? "minItems" : "minLength"] = min.Length;
                    break;
                case MaxLengthAttribute max:
                    node[isArray ? "maxItems" : "maxLength"] = max.Length;
                    break;
            }
        }

        return node;
    }

    // ["integer", "null"] with "default": null becomes "integer": a model leaves the argument out instead of
    // writing null, and a grammar built from the schema stays small.
    private static void DropNullFromOptional(JsonObject node)
    {
        if (node["default"] is not null || !node.ContainsKey("default") || node["type"] is not JsonArray types)
        {
            return;
        }

        var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
        if (kept.Count == 1)
        {
            node["type"] = kept[0];
            node.Remove("default");
        }
    }

    private static IEnumerable<Attribute> Attributes(ICustomAttributeProvider? provider) =>
        provider?.GetCustomAttributes(inherit: true).OfType<Attribute>() ?? [];
}
