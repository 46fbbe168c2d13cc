using System.Text.Json;

namespace AgentOS.Cli.Tests;

/// <summary><c>agentos tool call NAME 'JSON'</c>: result on stdout and exit 0, or one line on stderr and exit 1.</summary>
public sealed class ToolCallCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("agentos-tool-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Call(string name, string json) =>
        ToolCliRunner.RunAsync("--data", _data, "tool", "call", name, json);

    private static void AssertOneLineFailure((int ExitCode, string Output, string Error) result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(expected, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Call_CalculatorError_OneLineOnStderr()
    {
        AssertOneLineFailure(await Call("calculator", """{"expression": "2 * (3 +"}"""),
            "agentos: calculator: at 9: the expression ends too early: expected a number, a name or '('");
    }

    [Fact]
    public async Task Call_WrongArgumentType_OneLineOnStderr()
    {
        AssertOneLineFailure(await Call("calculator", """{"expression": 17}"""),
            "agentos: calculator: argument 'expression' must be a string, got number");
    }

    [Fact]
    public async Task Call_MissingArguments_ReportsRequiredArgument()
    {
        AssertOneLineFailure(await ToolCliRunner.RunAsync("--data", _data, "tool", "call", "calculator"),
            "agentos: calculator: missing required argument 'expression'");
    }

    [Fact]
    public async Task Call_MalformedJson_OneLineOnStderr()
    {
        var result = await Call("calculator", "{expression: 1");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("agentos: the arguments are not valid JSON: ", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_UnknownTool_NamesTheTools()
    {
        AssertOneLineFailure(await Call("shell", "{}"), "agentos: unknown tool 'shell'; the tools are calculator, js, retrieval");
    }

    [Fact]
    public async Task Call_Calculator_PrintsResult()
    {
        var (exitCode, output, error) = await Call("calculator", """{"expression": "17*23"}""");
        Assert.Equal((0, "391\n", ""), (exitCode, output, error));
    }

    [Fact]
    public async Task Call_Js_PrintsJsonResult()
    {
        var (exitCode, output, error) = await Call("js", """{"code": "console.log('hi'); [1, 2].map(x => x * 2)"}""");
        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Equal("""{"result":[2,4],"console":"hi\n"}""", output.TrimEnd('\n'));
    }

    [Fact]
    public async Task Call_JsMultiLineError_StaysOneLine()
    {
        var result = await Call("js", """{"code": "throw new Error('first\\nsecond')"}""");
        AssertOneLineFailure(result, "agentos: js: Error: first second (line 1, column 7)");
    }

    [Fact]
    public async Task Call_RetrievalAfterIndexAdd_FindsPassage()
    {
        var docs = Path.Combine(_data, "docs");
        Directory.CreateDirectory(docs);
        await File.WriteAllTextAsync(Path.Combine(docs, "notes.md"), "# Otters\nOtters hold hands while sleeping.");
        Assert.Equal(0, (await ToolCliRunner.RunAsync("--data", _data, "index", "add", docs)).ExitCode);

        var (exitCode, output, _) = await Call("retrieval", """{"query": "do otters sleep"}""");

        Assert.Equal(0, exitCode);
        var hit = JsonDocument.Parse(output).RootElement.GetProperty("results")[0];
        Assert.Equal("notes.md", hit.GetProperty("source").GetString());
        Assert.Equal("1-2", hit.GetProperty("lines").GetString());
    }

    [Fact]
    public async Task Call_RetrievalWithoutIndex_SaysHowToIndex()
    {
        AssertOneLineFailure(await Call("retrieval", """{"query": "x"}"""),
            "agentos: retrieval: no documents are indexed yet; the user can add some with: agentos index add PATH");
    }
}
