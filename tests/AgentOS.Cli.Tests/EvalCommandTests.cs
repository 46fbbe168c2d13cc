using System.Text.Json;
using AgentOS.Testing;

namespace AgentOS.Cli.Tests;

/// <summary><c>agentos eval</c> in-process on a small held-out file in the corpus generator's format.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private const string Calculator =
        """{"id": "heldout-000001", "family": "calculator", "task": "Can you calculate 17 * 23 for me?", "expected_tool": "calculator", "expected_arguments": {"expression": "17 * 23"}, "expected_calls": [{"name": "calculator", "arguments": {"expression": "17 * 23"}}], "expected_answer_contains": ["391"], "messages": []}""";

    private const string Greeting =
        """{"id": "heldout-000002", "family": "direct", "task": "Hello!", "expected_tool": null, "expected_arguments": null, "expected_calls": [], "expected_answer_contains": [], "messages": []}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("agentos-eval-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Eval_SetMissing_OneLine()
    {
        var result = await ToolCliRunner.RunAsync("eval", "--set", Path.Combine(_directory, "none.jsonl"), "--model", TestModels.TinyLlamaPath);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("agentos: The evaluation set ", line, StringComparison.Ordinal);
        Assert.EndsWith("does not exist.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_BadLine_OneLineNamingIt()
    {
        var set = Path.Combine(_directory, "heldout.jsonl");
        await File.WriteAllLinesAsync(set, [Calculator, "{\"id\": \"x\"}"]);

        var result = await ToolCliRunner.RunAsync("eval", "--set", set, "--model", TestModels.TinyLlamaPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("heldout.jsonl, line 2: not an evaluation task", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_GeneratedModel_ReportsTheFourFigures()
    {
        await File.WriteAllLinesAsync(Path.Combine(_directory, "heldout.jsonl"), [Calculator, Greeting]);
        Directory.CreateDirectory(Path.Combine(_directory, "documents"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "documents", "moon.md"), "# Moon\n\nThe moon base has 12 rooms.\n");

        var (exitCode, output, error) = await ToolCliRunner.RunAsync(
            "eval", "--set", _directory, "--model", TestModels.TinyLlamaPath, "--threads", "1", "--max-steps", "1", "--json");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("tasks").GetInt32());
        foreach (var figure in new[] { "tool_selection_accuracy", "final_answer_accuracy", "average_steps" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(figure).ValueKind);
        }

        Assert.True(root.TryGetProperty("schema_valid_call_rate", out _));
        Assert.Equal(["calculator", "direct"], root.GetProperty("by_family").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("results").GetArrayLength());
        Assert.Equal(1.0, root.GetProperty("average_steps").GetDouble());
    }
}
