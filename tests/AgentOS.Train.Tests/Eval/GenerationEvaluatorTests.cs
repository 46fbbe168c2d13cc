using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Train.Corpus;
using AgentOS.Train.Eval;
using AgentOS.Train.Tests.Corpus;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Eval;

[Collection(CorpusTestGroup.Name)]
public sealed class GenerationEvaluatorTests(CorpusFixture fixture)
{
    private readonly ScriptedGenerator _model = new(new SpmTokenizer(fixture.Build.Vocabulary));

    private GenerationEvaluator Evaluator => new(_model, CorpusPipeline.Format, CorpusPipeline.SystemPrompt, fixture.Tools.ToolBox);

    [Fact]
    public async Task Score_ModelThatWritesTheReference_GetsEverythingRight()
    {
        foreach (var episode in fixture.Build.HeldOutEpisodes.Take(120))
        {
            _model.Script(ReferenceTurns(episode));
            var turns = await Evaluator.ScoreTurnsAsync(episode);
            _model.Script(ReferenceTurns(episode));
            var run = await Evaluator.RunAsync(episode);

            Assert.All(turns, t => Assert.True(t.Right, $"{episode.Id} turn {t.Turn}: {t.Generated}"));
            Assert.All(turns.Where(t => t.ExpectsCall), t => Assert.True(t.CallParsed && t.SchemaValid && t.ToolRight && t.ArgumentsExact));
            Assert.True(run.FinalRight, run.Transcript);
            Assert.True(run.ToolsRight, run.Transcript);
            Assert.Equal(run.Calls, run.ValidCalls);
            Assert.Equal(episode.ExpectedCalls.Count, run.Calls);
        }
    }

    [Fact]
    public async Task Score_WrongNumberInTheCall_IsNeitherExactNorEquivalent()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "calculator");
        var expression = episode.ExpectedCalls[0].Arguments.GetProperty("expression").GetString()!;
        var wrong = expression.Replace(expression[0], expression[0] == '9' ? '8' : (char)(expression[0] + 1));
        _model.Script([CallPieces("calculator", "expression", wrong)]);

        var turn = (await Evaluator.ScoreTurnsAsync(episode))[0];

        Assert.True(turn.CallParsed && turn.SchemaValid && turn.ToolRight);
        Assert.False(turn.ArgumentsExact);
        Assert.False(turn.ArgumentsEquivalent);
        Assert.False(turn.Right);
    }

    [Fact]
    public async Task Score_SameExpressionWithoutSpaces_IsEquivalentButNotExact()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "calculator");
        var expression = episode.ExpectedCalls[0].Arguments.GetProperty("expression").GetString()!;
        _model.Script([CallPieces("calculator", "expression", expression.Replace(" ", "", StringComparison.Ordinal))]);

        var turn = (await Evaluator.ScoreTurnsAsync(episode))[0];

        Assert.False(turn.ArgumentsExact);
        Assert.True(turn.ArgumentsEquivalent);
        Assert.True(turn.Right);
    }

    [Fact]
    public async Task Score_UnknownTool_IsWrongToolAndInvalid()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "calculator");
        _model.Script([CallPieces("weather", "city", "Kesby")]);

        var turn = (await Evaluator.ScoreTurnsAsync(episode))[0];

        Assert.True(turn.CallParsed);
        Assert.False(turn.SchemaValid);
        Assert.False(turn.ToolRight);
    }

    [Fact]
    public async Task Run_MalformedCall_EndsTheRunWithAnInvalidCall()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "js");
        _model.Script([[GeneratedPiece.OfSpecial("<tool_call>"), GeneratedPiece.OfText("\n{\"name\": \"js\", \"arguments\": {\"code\": \n"), GeneratedPiece.OfSpecial("</tool_call>")]]);

        var run = await Evaluator.RunAsync(episode);

        Assert.Equal(1, run.Calls);
        Assert.Equal(0, run.ValidCalls);
        Assert.Null(run.FinalAnswer);
        Assert.False(run.FinalRight);
    }

    [Fact]
    public async Task Score_AnswerWithoutTheResult_IsWrong()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "calculator");
        var turns = ReferenceTurns(episode).ToList();
        turns[^1] = [GeneratedPiece.OfText("The answer is 12345678.")];
        _model.Script(turns);

        var outcomes = await Evaluator.ScoreTurnsAsync(episode);

        Assert.True(outcomes[0].Right);
        Assert.True(outcomes[^1].Answered);
        Assert.False(outcomes[^1].AnswerRight);
    }

    [Fact]
    public async Task Run_CallWhenNoneIsNeeded_IsNotAFinalRightAnswer()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "direct");
        var answer = ReferenceTurns(episode).Single();
        _model.Script([CallPieces("calculator", "expression", "1 + 1"), answer]);

        var run = await Evaluator.RunAsync(episode);

        Assert.NotNull(run.FinalAnswer);
        Assert.False(run.FinalRight);
    }

    [Fact]
    public async Task Run_RepeatTask_ScoresWhereTheCopyBreaks()
    {
        var episode = fixture.Build.HeldOutEpisodes.First(e => e.Family == "repeat" && char.IsAsciiLetter(e.AnswerContains[0][0]));
        var expected = episode.AnswerContains[0];
        var tokens = _model.Tokenizer.Tokenize(expected, parseSpecial: false);
        var firstTokenText = fixture.Build.Vocabulary.Tokens[tokens[0]];
        // A digit never merges with letters, so it replaces the first token and leaves the others as they were.
        var firstTokenWrong = "7" + expected[firstTokenText.Length..];
        Assert.Equal(tokens.Skip(1), _model.Tokenizer.Tokenize(firstTokenWrong, parseSpecial: false).Skip(1));

        var right = await RunWithAnswer(episode, expected);
        var brokenAtTheStart = await RunWithAnswer(episode, firstTokenWrong);
        var other = await RunWithAnswer(fixture.Build.HeldOutEpisodes.First(e => e.Family == "direct"), "Hello.");

        Assert.Equal((true, true), (right.CopyFirstTokenRight, right.CopyRightAfterFirstToken));
        Assert.Equal((false, true), (brokenAtTheStart.CopyFirstTokenRight, brokenAtTheStart.CopyRightAfterFirstToken));
        Assert.Null(other.CopyFirstTokenRight);
        var scores = EvalReport.Scores([], [right, brokenAtTheStart, other]);
        Assert.Equal(2, scores["copy_runs"]!.GetValue<int>());
        Assert.Equal(0.5, scores["copy_first_token_right"]!.GetValue<double>());
        Assert.Equal(1.0, scores["copy_right_after_first_token"]!.GetValue<double>());
    }

    [Fact]
    public async Task Report_HasScoresPerFamilyAndTemplateKindAndEveryFailure()
    {
        var turns = new List<TurnOutcome>();
        var runs = new List<RunOutcome>();
        foreach (var episode in fixture.Build.HeldOutEpisodes.Take(40))
        {
            _model.Script(ReferenceTurns(episode));
            turns.AddRange(await Evaluator.ScoreTurnsAsync(episode));
            _model.Script([]);
            runs.Add(await Evaluator.RunAsync(episode));
        }

        var report = new EvalReport("model.gguf", "heldout.jsonl", turns, runs, TimeSpan.FromSeconds(3));
        var json = JsonDocument.Parse(report.ToJson()).RootElement;

        Assert.Equal(1.0, json.GetProperty("overall").GetProperty("call_schema_valid").GetDouble());
        Assert.Equal(0.0, json.GetProperty("overall").GetProperty("run_final_right").GetDouble());
        Assert.Equal(1.0, report.FinalAnswerRate is null ? -1 : 1.0 - report.FinalAnswerRate.Value);
        Assert.True(json.GetProperty("by_family").TryGetProperty("calculator", out _));
        Assert.True(json.GetProperty("unseen_templates").GetProperty("episodes").GetInt32() > 0);
        // Every run failed, and the report lists every failure, not a sample: a reader sorts them by family.
        var failedRuns = json.GetProperty("failures").EnumerateArray().Where(f => f.TryGetProperty("run", out _)).ToList();
        Assert.Equal(runs.Count, failedRuns.Count);
        Assert.Equal(runs.Select(r => r.Family), failedRuns.Select(f => f.GetProperty("family").GetString()));
        Assert.Contains("calculator", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithoutData_WritesNullRates()
    {
        var report = new EvalReport("m", "h", [], [], TimeSpan.Zero);

        var overall = JsonDocument.Parse(report.ToJson()).RootElement.GetProperty("overall");

        Assert.Equal(JsonValueKind.Null, overall.GetProperty("call_parses").ValueKind);
        Assert.Null(report.CallValidRate);
    }

    private Task<RunOutcome> RunWithAnswer(Episode episode, string answer)
    {
        _model.Script([[GeneratedPiece.OfText(answer)]]);
        return Evaluator.RunAsync(episode);
    }

    /// <summary>The episode's trained assistant turns as a perfect model would write them.</summary>
    private static IEnumerable<IReadOnlyList<GeneratedPiece>> ReferenceTurns(Episode episode) =>
        episode.Messages.OfType<AssistantMessage>()
            .Where((_, turn) => !episode.UntrainedTurns.Contains(turn))
            .Select(m => ScriptedGenerator.Pieces(CorpusPipeline.Format.RenderAssistantOutput(m)));

    private static IReadOnlyList<GeneratedPiece> CallPieces(string tool, string argument, string value)
    {
        var call = new ToolCall("call_1", tool, JsonSerializer.SerializeToElement(new Dictionary<string, string> { [argument] = value }));
        return ScriptedGenerator.Pieces(CorpusPipeline.Format.RenderAssistantOutput(AssistantMessage.Calls(call)));
    }
}
