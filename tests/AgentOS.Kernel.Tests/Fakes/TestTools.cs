using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Kernel.Tests.Fakes;

internal static class TestTools
{
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ToolDefinition Calculator { get; } = new(
        "calculator",
        "Evaluates an arithmetic expression exactly.",
        Json("""{"type":"object","properties":{"expression":{"type":"string","description":"The expression, e.g. 17*23"}},"required":["expression"],"additionalProperties":false}"""));

    public static ToolDefinition Search { get; } = new(
        "retrieval",
        "Searches the indexed documents.",
        Json("""{"type":"object","properties":{"query":{"type":"string"},"k":{"type":"integer","minimum":1,"maximum":10}},"required":["query"]}"""));

    public static ToolCall Call(string id, string name, string argumentsJson) => new(id, name, Json(argumentsJson));
}
