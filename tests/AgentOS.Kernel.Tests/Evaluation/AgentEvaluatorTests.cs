using System.Text.Json;
using AgentOS.Kernel.Evaluation;
using AgentOS.Kernel.Runs;
using AgentOS.Kernel.Tests.Fakes;
using AgentOS.Kernel.ToolHosting;

namespace AgentOS.Kernel.Tests.Evaluation;

public sealed class AgentEvaluatorTests
{
    private static EvalTask Calc => new("t1", "calculator", "What is 17*23?", ["calculator"], ["391"]);

    private static EvalTask Hello => new("t2", "direct", "Hello", [], ["Hello"]);

    private static async Task<EvalSummary> Evaluate(FakeModel model, params EvalTask[] tasks)
    {
        var registry = new ToolRegistry([FakeTool.Returning(TestTools.Calculator, _ => "391")]);
        var evaluator = new AgentEvaluator(new AgentRunner(model, new ToolHost(registry)), registry);
        return await evaluator.RunAsync(tasks, new AgentRunOptions { ConstrainToolCalls = false });
    }

    [Fact]
    public async Task Run_RightToolAndAnswer_AllFiguresOne()
    {
        var model = new FakeModel(
            ScriptedTurn.Call("""{"name": "calculator", "arguments": {"expression": "17*23"}}"""), ScriptedTurn.Text("It is 391."),
            ScriptedTurn.Text("Hello! How can I help?"));

        var summary = await Evaluate(model, Calc, Hello);

        Assert.Equal((1.0, 1.0, 1.0, 1.5), (summary.ToolSelectionAccuracy, summary.SchemaValidCallRate!.Value, summary.FinalAnswerAccuracy, summary.AverageSteps));
    }

    [Fact]
    public async Task Run_WrongTypesMalformedAndUnneededCalls_CountedAgainst()
    {
        var model = new FakeModel(
            ScriptedTurn.Call("""{"name": "calculator", "arguments": {"expression": 17}}"""), ScriptedTurn.Text("391"),
            ScriptedTurn.Call("""{"name": "calculator", "arguments": {"expression": """), ScriptedTurn.Text("Hello"));

        var summary = await Evaluate(model, Calc, Hello);

        var (calc, hello) = (summary.Results[0], summary.Results[1]);
        Assert.Equal((true, true, 1, 0), (calc.ToolRight, calc.AnswerRight, calc.Calls, calc.ValidCalls));
        Assert.Equal((false, true, 1, 0), (hello.ToolRight, hello.AnswerRight, hello.Calls, hello.ValidCalls));
        Assert.Equal(0.0, summary.SchemaValidCallRate);
        Assert.Equal(0.5, summary.ToolSelectionAccuracy);
    }

    [Fact]
    public async Task Run_NoAnswer_AnswerWrongAndFamiliesSplit()
    {
        var model = new FakeModel(ScriptedTurn.Text("I think it is 390."), ScriptedTurn.Text("Hi"));

        var summary = await Evaluate(model, Calc, Hello);

        Assert.False(summary.Results[0].ToolRight);
        Assert.False(summary.Results[0].AnswerRight);
        Assert.False(summary.Results[1].AnswerRight);
        Assert.Null(summary.SchemaValidCallRate);
        Assert.Equal(["calculator", "direct"], summary.ByFamily().Keys);
    }

    [Fact]
    public void Parse_CorpusLine_ReadsTaskToolsAndAnswer()
    {
        var task = EvalSet.Parse("""{"id": "heldout-000001", "family": "multi", "task": "Add then double", "expected_tool": "calculator", "expected_calls": [{"name": "calculator", "arguments": {}}, {"name": "js", "arguments": {}}], "expected_answer_contains": ["42"], "messages": []}""");

        Assert.Equal(("heldout-000001", "multi", "Add then double", "calculator"), (task.Id, task.Family, task.Task, task.ExpectedFirstTool));
        Assert.Equal(["calculator", "js"], task.ExpectedTools);
        Assert.Equal(["42"], task.AnswerContains);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id": "x", "task": "t"}""")]
    [InlineData("""{"id": "x", "task": "", "expected_calls": [], "expected_answer_contains": []}""")]
    public void Load_BadLine_NamesFileAndLine(string bad)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["""{"id": "a", "task": "t", "expected_calls": [], "expected_answer_contains": []}""", bad]);

            var exception = Assert.Throws<InvalidDataException>(() => EvalSet.Load(path));

            Assert.StartsWith($"{path}, line 2: not an evaluation task (", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingOrEmptyFile_ClearErrors()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.Throws<FileNotFoundException>(() => EvalSet.Load(path + ".none"));
            Assert.Contains("holds no tasks", Assert.Throws<InvalidDataException>(() => EvalSet.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ResultJson_RunResult_ParsesBack()
    {
        var result = new AgentRunResult(RunOutcome.Answered, "391", null,
            new Conversations.Conversation("s", [TestTools.Calculator], [new Conversations.UserMessage("q")]), [], TimeSpan.FromSeconds(1), "hermes");

        using var json = JsonDocument.Parse(AgentRunResultJson.ToJson(result));

        Assert.Equal("Answered", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("q", json.RootElement.GetProperty("transcript").GetProperty("messages")[0].GetProperty("content").GetString());
    }
}
