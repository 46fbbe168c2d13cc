using System.Text.Json;

namespace AgentOS.Cli.Tests;

/// <summary><c>agentos tools</c> and <c>agentos tools --json</c>.</summary>
public sealed class ToolsListCommandTests
{
    [Fact]
    public async Task Tools_Text_ListsEveryToolWithSchema()
    {
        var (exitCode, output, error) = await ToolCliRunner.RunAsync("tools");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        foreach (var name in new[] { "calculator", "js", "retrieval" })
        {
            Assert.Contains($"{name}\n  ", output, StringComparison.Ordinal);
        }

        Assert.Contains("\"expression\"", output, StringComparison.Ordinal);
        Assert.Contains("\"code\"", output, StringComparison.Ordinal);
        Assert.Contains("\"query\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_Json_IsAnArrayOfDefinitions()
    {
        var (exitCode, output, _) = await ToolCliRunner.RunAsync("tools", "--json");

        Assert.Equal(0, exitCode);
        var tools = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["calculator", "js", "retrieval"], tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var retrieval = tools[2].GetProperty("parameters");
        Assert.Equal(["query"], retrieval.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("integer", retrieval.GetProperty("properties").GetProperty("k").GetProperty("type").GetString());
    }
}
