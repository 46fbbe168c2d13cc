using System.Text.Json;
using AgentOS.Testing;

namespace AgentOS.Cli.Tests;

/// <summary><c>agentos run</c> in-process: bad input gives one clear line; the generated model runs end to end.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentos-run-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_ModelFileMissing_OneLineAndExit1()
    {
        var result = await Run("run", "What is 17*23?", "--model", Path.Combine(_directory, "nope.gguf"));

        AssertOneLineFailure(result, "agentos: ");
        Assert.Contains("nope.gguf", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FileIsNotAModel_OneLineAndExit1()
    {
        var path = Path.Combine(_directory, "notes.txt");
        await File.WriteAllTextAsync(path, "hello\n");

        var result = await Run("run", "hi", "--model", path);

        AssertOneLineFailure(result, "agentos: ");
        Assert.Contains("not a GGUF file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownTool_OneLineNamingTheTools()
    {
        var result = await Run("run", "hi", "--model", TestModels.TinyLlamaPath, "--tools", "calculator,weather");

        AssertOneLineFailure(result, "agentos: unknown tool 'weather'; the tools are calculator, js, retrieval.");
    }

    [Theory]
    [InlineData("--max-steps", "0")]
    [InlineData("--temperature", "-1")]
    [InlineData("--threads", "0")]
    public async Task Run_OutOfRangeOption_OneLine(string option, string value)
    {
        var result = await Run("run", "hi", "--model", TestModels.TinyLlamaPath, option, value);

        AssertOneLineFailure(result, "agentos: ");
    }

    [Fact]
    public async Task Run_EmptyTask_OneLine()
    {
        var result = await Run("run", "  ", "--model", TestModels.TinyLlamaPath);

        AssertOneLineFailure(result, "agentos: the task is empty.");
    }

    [Fact]
    public async Task Run_GeneratedModel_LiveStepsThenTheEnd()
    {
        var (exitCode, output, error) = await Run("run", "What is 17*23?", "--model", TestModels.TinyLlamaPath, "--threads", "1", "--max-steps", "2");

        Assert.True(exitCode is 0 or 2, $"exit code {exitCode}");
        Assert.Empty(error);
        Assert.Contains("● step 1", output, StringComparison.Ordinal);
        Assert.Matches("(Answer:|No answer:)", output);
        Assert.Contains("tokens prefilled", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Json_IsOneDocumentWithTranscriptAndSteps()
    {
        var (exitCode, output, _) = await Run("run", "What is 17*23?", "--model", TestModels.TinyLlamaPath, "--threads", "1", "--max-steps", "1", "--tools", "calculator", "--json");

        Assert.True(exitCode is 0 or 2, $"exit code {exitCode}");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("hermes", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("tokens_prefilled").GetInt32() > 0);
        Assert.Equal(1, root.GetProperty("steps").GetArrayLength());
        var transcript = root.GetProperty("transcript");
        Assert.Equal(["calculator"], transcript.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("What is 17*23?", transcript.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => ToolCliRunner.RunAsync(["--data", _directory, .. args]);

    private static void AssertOneLineFailure((int ExitCode, string Output, string Error) result, string expectedStart)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
    }
}
