using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Tools.Tests.Abstractions;

public sealed class JsonSchemaValidatorTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "expression": { "type": "string", "minLength": 1, "maxLength": 10 },
            "k": { "type": "integer", "minimum": 1, "maximum": 20 },
            "ratio": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1 },
            "mode": { "enum": ["fast", "exact"] },
            "flag": { "type": "boolean" },
            "maybe": { "type": ["string", "null"] },
            "tags": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 2 },
            "options": {
              "type": "object",
              "properties": { "depth": { "type": "integer" } },
              "required": ["depth"],
              "additionalProperties": false
            },
            "never": false,
            "anything": true
          },
          "required": ["expression"],
          "additionalProperties": false
        }
        """;

    private static List<string> Errors(string arguments, string schema = Schema) =>
        JsonSchemaValidator.Validate(JsonDocument.Parse(schema).RootElement, JsonDocument.Parse(arguments).RootElement)
            .Select(e => e.Message)
            .ToList();

    private static string Single(string arguments) => Assert.Single(Errors(arguments));

    [Theory]
    [InlineData("""{"expression": 17}""", "argument 'expression' must be a string, got number")]
    [InlineData("""{"expression": null}""", "argument 'expression' must be a string, got null")]
    [InlineData("""{"expression": ["1"]}""", "argument 'expression' must be a string, got array")]
    [InlineData("""{"expression": "1", "k": "3"}""", "argument 'k' must be an integer, got string")]
    [InlineData("""{"expression": "1", "k": 2.5}""", "argument 'k' must be an integer, got 2.5")]
    [InlineData("""{"expression": "1", "k": 3.0}""", "argument 'k' must be an integer, got 3.0")]
    [InlineData("""{"expression": "1", "k": 1e2}""", "argument 'k' must be an integer, got 1e2")]
    [InlineData("""{"expression": "1", "ratio": "0.5"}""", "argument 'ratio' must be a number, got string")]
    [InlineData("""{"expression": "1", "flag": "yes"}""", "argument 'flag' must be true or false, got string")]
    [InlineData("""{"expression": "1", "maybe": 5}""", "argument 'maybe' must be a string or null, got number")]
    [InlineData("""{"expression": "1", "options": []}""", "argument 'options' must be an object, got array")]
    [InlineData("""{"expression": "1", "tags": "a"}""", "argument 'tags' must be an array, got string")]
    public void Validate_WrongType_NamesArgumentExpectedAndActual(string arguments, string message)
    {
        Assert.Equal(message, Single(arguments));
    }

    [Theory]
    [InlineData("[1]", "the arguments must be an object, got array")]
    [InlineData("\"1+1\"", "the arguments must be an object, got string")]
    [InlineData("null", "the arguments must be an object, got null")]
    public void Validate_NotAnObject_SaysSo(string arguments, string message)
    {
        Assert.Equal(message, Single(arguments));
    }

    [Fact]
    public void Validate_Undefined_SaysArgumentsAreMissing()
    {
        var error = Assert.Single(JsonSchemaValidator.Validate(JsonDocument.Parse(Schema).RootElement, default));
        Assert.Equal("the arguments are missing: expected a JSON object", error.Message);
    }

    [Fact]
    public void Validate_MissingRequired_NamesIt()
    {
        Assert.Equal("missing required argument 'expression'", Single("{}"));
    }

    [Fact]
    public void Validate_UnknownArgument_NamesItAndTheKnownOnes()
    {
        Assert.Equal(
            "unknown argument 'expr'; expected expression, k, ratio, mode, flag, maybe, tags, options, never, anything",
            Errors("""{"expr": "1"}""")[0]);
    }

    [Fact]
    public void Validate_DuplicateArgument_IsAnError()
    {
        Assert.Equal("argument 'expression' is given more than once", Single("""{"expression": "1", "expression": "2"}"""));
    }

    [Theory]
    [InlineData("""{"expression": "1", "k": 0}""", "argument 'k' must be at least 1, got 0")]
    [InlineData("""{"expression": "1", "k": 21}""", "argument 'k' must be at most 20, got 21")]
    [InlineData("""{"expression": "1", "ratio": 0}""", "argument 'ratio' must be greater than 0, got 0")]
    [InlineData("""{"expression": "1", "ratio": 1}""", "argument 'ratio' must be less than 1, got 1")]
    [InlineData("""{"expression": "1", "k": 1e400}""", "argument 'k' must be an integer, got 1e400")]
    [InlineData("""{"expression": ""}""", "argument 'expression' must not be empty")]
    [InlineData("""{"expression": "12345678901"}""", "argument 'expression' must be at most 10 characters long, got 11")]
    [InlineData("""{"expression": "1", "mode": "slow"}""", "argument 'mode' must be one of \"fast\", \"exact\", got \"slow\"")]
    [InlineData("""{"expression": "1", "tags": []}""", "argument 'tags' must have at least 1 item, got 0")]
    [InlineData("""{"expression": "1", "tags": ["a", "b", "c"]}""", "argument 'tags' must have at most 2 items, got 3")]
    [InlineData("""{"expression": "1", "tags": ["a", 2]}""", "argument 'tags[1]' must be a string, got number")]
    [InlineData("""{"expression": "1", "options": {}}""", "missing required argument 'options.depth'")]
    [InlineData("""{"expression": "1", "options": {"depth": 1, "x": 2}}""", "unknown argument 'options.x'; expected depth")]
    [InlineData("""{"expression": "1", "options": {"depth": "deep"}}""", "argument 'options.depth' must be an integer, got string")]
    [InlineData("""{"expression": "1", "never": 1}""", "argument 'never' is not allowed")]
    public void Validate_BrokenConstraint_ExplainsIt(string arguments, string message)
    {
        Assert.Equal(message, Single(arguments));
    }

    [Fact]
    public void Validate_LengthCountsCodePoints()
    {
        // Ten emoji are twenty UTF-16 units but ten characters.
        Assert.Empty(Errors("{\"expression\": \"" + string.Concat(Enumerable.Repeat("😀", 10)) + "\"}"));
    }

    [Fact]
    public void Validate_ValidArguments_HaveNoErrors()
    {
        Assert.Empty(Errors("""
            {"expression": "1+1", "k": 5, "ratio": 0.5, "mode": "exact", "flag": true, "maybe": null,
             "tags": ["a"], "options": {"depth": 2}, "anything": {"x": [1, 2]}}
            """));
    }

    [Fact]
    public void Validate_ManyErrors_ReportsAllUpToTheCap()
    {
        var arguments = "{" + string.Join(", ", Enumerable.Range(0, 30).Select(i => $"\"x{i}\": {i}")) + "}";
        var errors = Errors(arguments);
        Assert.Equal(JsonSchemaValidator.MaxErrors, errors.Count);
    }

    [Fact]
    public void TryValidate_Invalid_JoinsMessages()
    {
        var schema = JsonDocument.Parse(Schema).RootElement;
        var valid = JsonSchemaValidator.TryValidate(schema, JsonDocument.Parse("""{"k": "x"}""").RootElement, out var message);
        Assert.False(valid);
        Assert.Equal("argument 'k' must be an integer, got string; missing required argument 'expression'", message);
    }
}
