using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Tools.Tests.Abstractions;

public sealed class ToolSchemaTests
{
    public enum Unit
    {
        Celsius,
        DegreesFahrenheit,
    }

    public sealed record SearchArguments(
        [property: Description("What to look for.")] string Query,
        [property: Description("How many results."), Range(1, 20)] int? MaxResults = null,
        [property: MaxLength(5)] string[]? Tags = null,
        Unit Unit = Unit.Celsius,
        [property: StringLength(10, MinimumLength = 2)] string Label = "x");

    public sealed class NotAnObject;

    private static JsonElement Schema => ToolSchema.For<SearchArguments>();

    [Fact]
    public void For_Record_IsAnObjectThatRefusesUnknownProperties()
    {
        Assert.Equal("object", Schema.GetProperty("type").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void For_Record_NamesPropertiesInSnakeCase()
    {
        var names = Schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["query", "max_results", "tags", "unit", "label"], names);
    }

    [Fact]
    public void For_Record_RequiresOnlyParametersWithoutDefault()
    {
        var required = Schema.GetProperty("required").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["query"], required);
    }

    [Fact]
    public void For_DescriptionAttribute_BecomesDescription()
    {
        Assert.Equal("What to look for.", Schema.GetProperty("properties").GetProperty("query").GetProperty("description").GetString());
    }

    [Fact]
    public void For_OptionalNullable_PublishesPlainType()
    {
        var maxResults = Schema.GetProperty("properties").GetProperty("max_results");
        Assert.Equal("integer", maxResults.GetProperty("type").GetString());
        Assert.False(maxResults.TryGetProperty("default", out _));
    }

    [Fact]
    public void For_Range_BecomesMinimumAndMaximum()
    {
        var maxResults = Schema.GetProperty("properties").GetProperty("max_results");
        Assert.Equal(1, maxResults.GetProperty("minimum").GetDouble());
        Assert.Equal(20, maxResults.GetProperty("maximum").GetDouble());
    }

    [Fact]
    public void For_LengthAttributes_BecomeLengthBounds()
    {
        var properties = Schema.GetProperty("properties");
        Assert.Equal(5, properties.GetProperty("tags").GetProperty("maxItems").GetInt32());
        Assert.Equal(2, properties.GetProperty("label").GetProperty("minLength").GetInt32());
        Assert.Equal(10, properties.GetProperty("label").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void For_Enum_IsSnakeCaseStrings()
    {
        var unit = Schema.GetProperty("properties").GetProperty("unit");
        Assert.Equal(["celsius", "degrees_fahrenheit"], unit.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void For_NonObjectType_Throws()
    {
        Assert.Throws<ArgumentException>(() => ToolSchema.For<int>());
    }

    [Fact]
    public void For_SameTypeTwice_ReturnsEqualSchemas()
    {
        Assert.True(JsonElement.DeepEquals(ToolSchema.For<SearchArguments>(), ToolSchema.For<SearchArguments>()));
    }

    [Fact]
    public void For_DerivedSchema_AcceptsValidArgumentsAndRefusesInvalidOnes()
    {
        var valid = JsonDocument.Parse("""{"query": "x", "max_results": 3, "unit": "degrees_fahrenheit"}""").RootElement;
        var invalid = JsonDocument.Parse("""{"query": "x", "max_results": 30, "unit": "kelvin"}""").RootElement;
        Assert.Empty(JsonSchemaValidator.Validate(Schema, valid));
        Assert.Equal(
            ["argument 'max_results' must be at most 20, got 30", "argument 'unit' must be one of \"celsius\", \"degrees_fahrenheit\", got \"kelvin\""],
            JsonSchemaValidator.Validate(Schema, invalid).Select(e => e.Message));
    }
}
