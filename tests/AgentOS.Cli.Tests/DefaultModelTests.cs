using System.Text.Json;
using AgentOS.Testing;

namespace AgentOS.Cli.Tests;

/// <summary>
/// <c>agentos</c> on the committed default model through real llama.cpp and the real tools: what a user sees on a fresh
/// clone. The tasks are new: their numbers, words and document names come from neither the training nor the held-out set.
/// </summary>
public sealed class DefaultModelTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("agentos-default-model-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ModelInfo_DefaultModel_ListsTheSpecialTokensAndTheChatTemplate()
    {
        var (exitCode, output, error) = await Run("model", "info", Repository.DefaultModel);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        foreach (var token in new[] { "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>", "<think>", "</think>" })
        {
            Assert.Matches($@"\d+\s+{System.Text.RegularExpressions.Regex.Escape(token)}\s+control", output);
        }

        Assert.Contains("tool calls in the hermes format", output, StringComparison.Ordinal);
        Assert.Contains("Chat template text:", output, StringComparison.Ordinal);
        Assert.Contains("<tool_call>", output[output.IndexOf("Chat template text:", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TheReadmeTask_CallsTheCalculatorAndAnswers391()
    {
        var run = await RunTask("What is 17*23?");

        Assert.Equal([("calculator", "391")], run.ToolResults);
        Assert.True(ModelAnswer.HasStandAlone(run.Answer, "391"), run.Answer);
    }

    [Fact]
    public async Task Run_TheReadmeTask_LiveStepsShowTheCallAndTheAnswer()
    {
        var (exitCode, output, error) = await Run("run", "What is 17*23?", "--model", Repository.DefaultModel, "--threads", "1");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("calculator", output, StringComparison.Ordinal);
        Assert.Matches("Answer:.*391", output);
    }

    [Fact]
    public async Task Run_JsTask_RunsAScriptAndAnswersWithItsResult()
    {
        var run = await RunTask("Reverse the word \"lantern\".");

        Assert.Equal([("js", "{\"result\":\"nretnal\"}")], run.ToolResults);
        Assert.Contains("nretnal", run.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwoStepTask_FeedsTheFirstResultIntoTheSecondCall()
    {
        var run = await RunTask("Take the length of the word \"lantern\" and multiply it by 12.");

        Assert.Equal([("js", "{\"result\":7}"), ("calculator", "84")], run.ToolResults);
        Assert.True(ModelAnswer.HasStandAlone(run.Answer, "84"), run.Answer);
    }

    [Fact]
    public async Task Run_RetrievalTask_QuotesTheIndexedDocumentAndNamesIt()
    {
        var notes = Path.Combine(_data, "my-notes");
        Directory.CreateDirectory(notes);
        await File.WriteAllTextAsync(Path.Combine(notes, "morvaint-tower.md"),
            "# Morvaint Tower\n\nThe Morvaint Tower is in the town of Pellish.\n\n## History\n\nThe Morvaint Tower was built in 1873.\n\n## Size\n\nThe Morvaint Tower is 64 meters tall.\n");
        await File.WriteAllTextAsync(Path.Combine(notes, "glendrisk-bridge.md"),
            "# Glendrisk Bridge\n\nThe Glendrisk Bridge is in the town of Oskary.\n\n## History\n\nThe Glendrisk Bridge was built in 1912.\n");
        Assert.Equal(0, (await Run("index", "add", notes)).ExitCode);

        var run = await RunTask("When was the Morvaint Tower built?");

        Assert.Equal("retrieval", Assert.Single(run.ToolResults).Tool);
        Assert.Contains("1873", run.ToolResults[0].Result, StringComparison.Ordinal);
        Assert.True(ModelAnswer.HasStandAlone(run.Answer, "1873"), run.Answer);
        Assert.Contains("morvaint-tower.md", run.Answer, StringComparison.Ordinal);
    }

    private async Task<RunResult> RunTask(string task)
    {
        var (exitCode, output, error) = await Run("run", task, "--model", Repository.DefaultModel, "--threads", "1", "--json");
        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("Answered", root.GetProperty("outcome").GetString());
        var results = root.GetProperty("transcript").GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool")
            .Select(m => (m.GetProperty("name").GetString()!, m.TryGetProperty("content", out var c) ? c.GetString()! : "(error)"))
            .ToList();
        return new RunResult(root.GetProperty("answer").GetString()!, results);
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => ToolCliRunner.RunAsync(["--data", _data, .. args]);

    private sealed record RunResult(string Answer, IReadOnlyList<(string Tool, string Result)> ToolResults);
}
