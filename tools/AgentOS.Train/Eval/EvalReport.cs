using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentOS.Train.Eval;

/// <summary>
/// The scores of an evaluation, overall, per family and for seen versus unseen phrasing templates, as JSON and as a
/// table. Rates are fractions of the turns or runs they count (given next to them).
/// </summary>
public sealed class EvalReport
{
    /// <summary>Builds a report from turn and run outcomes.</summary>
    public EvalReport(string model, string heldOutSet, IReadOnlyList<TurnOutcome> turns, IReadOnlyList<RunOutcome> runs, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(runs);
        Model = model;
        HeldOutSet = heldOutSet;
        Turns = turns;
        Runs = runs;
        Elapsed = elapsed;
    }

    /// <summary>The model file evaluated.</summary>
    public string Model { get; }

    /// <summary>The held-out set file.</summary>
    public string HeldOutSet { get; }

    /// <summary>Every teacher-forced turn.</summary>
    public IReadOnlyList<TurnOutcome> Turns { get; }

    /// <summary>Every free run.</summary>
    public IReadOnlyList<RunOutcome> Runs { get; }

    /// <summary>How long the evaluation took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Over all free runs: the share of generated calls that parse and match their schema.</summary>
    public double? CallValidRate => Rate(Runs.Sum(r => r.ValidCalls), Runs.Sum(r => r.Calls));

    /// <summary>Over all free runs: the share whose final answer is right.</summary>
    public double? FinalAnswerRate => Rate(Runs.Count(r => r.FinalRight), Runs.Count);

    /// <summary>The scores of a group of turns and runs.</summary>
    public static JsonObject Scores(IReadOnlyList<TurnOutcome> turns, IReadOnlyList<RunOutcome> runs)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(runs);
        var callTurns = turns.Where(t => t.ExpectsCall).ToList();
        var answerTurns = turns.Where(t => !t.ExpectsCall).ToList();
        var copyRuns = runs.Where(r => r.CopyFirstTokenRight is not null).ToList();
        return new JsonObject
        {
            ["episodes"] = runs.Count,
            ["call_turns"] = callTurns.Count,
            ["call_parses"] = Rate(callTurns.Count(t => t.CallParsed), callTurns.Count),
            ["call_schema_valid"] = Rate(callTurns.Count(t => t.SchemaValid), callTurns.Count),
            ["tool_right"] = Rate(callTurns.Count(t => t.ToolRight), callTurns.Count),
            ["arguments_exact"] = Rate(callTurns.Count(t => t.ArgumentsExact), callTurns.Count),
            ["arguments_equivalent"] = Rate(callTurns.Count(t => t.ArgumentsEquivalent), callTurns.Count),
            ["answer_turns"] = answerTurns.Count,
            ["answer_right"] = Rate(answerTurns.Count(t => t.AnswerRight), answerTurns.Count),
            ["run_calls"] = runs.Sum(r => r.Calls),
            ["run_calls_valid"] = Rate(runs.Sum(r => r.ValidCalls), runs.Sum(r => r.Calls)),
            ["run_tools_right"] = Rate(runs.Count(r => r.ToolsRight), runs.Count),
            ["run_final_right"] = Rate(runs.Count(r => r.FinalRight), runs.Count),
            ["copy_runs"] = copyRuns.Count,
            ["copy_first_token_right"] = Rate(copyRuns.Count(r => r.CopyFirstTokenRight == true), copyRuns.Count),
            ["copy_right_after_first_token"] = Rate(copyRuns.Count(r => r.CopyRightAfterFirstToken == true), copyRuns.Count),
        };
    }

    /// <summary>The report as JSON: scores overall, per family, per template kind, and every failure to read.</summary>
    public string ToJson()
    {
        var families = Runs.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var byFamily = new JsonObject();
        foreach (var family in families)
        {
            byFamily[family] = Scores([.. Turns.Where(t => t.Family == family)], [.. Runs.Where(r => r.Family == family)]);
        }

        var failures = new JsonArray();
        foreach (var turn in Turns.Where(t => !t.Right))
        {
            failures.Add(new JsonObject
            {
                ["episode"] = turn.EpisodeId, ["family"] = turn.Family, ["unseen_template"] = turn.TemplateHeldOut,
                ["turn"] = turn.Turn, ["generated"] = turn.Generated,
            });
        }

        foreach (var run in Runs.Where(r => !r.FinalRight))
        {
            failures.Add(new JsonObject
            {
                ["episode"] = run.EpisodeId, ["family"] = run.Family, ["unseen_template"] = run.TemplateHeldOut,
                ["run"] = run.Transcript,
            });
        }

        var root = new JsonObject
        {
            ["model"] = Model,
            ["heldout"] = HeldOutSet,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["overall"] = Scores(Turns, Runs),
            ["seen_templates"] = Scores([.. Turns.Where(t => !t.TemplateHeldOut)], [.. Runs.Where(r => !r.TemplateHeldOut)]),
            ["unseen_templates"] = Scores([.. Turns.Where(t => t.TemplateHeldOut)], [.. Runs.Where(r => r.TemplateHeldOut)]),
            ["by_family"] = byFamily,
            ["failures"] = failures,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The scores as a text table, one row per family and the totals.</summary>
    public string ToTable()
    {
        var rows = new List<(string Name, JsonObject Scores)>();
        foreach (var family in Runs.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add((family, Scores([.. Turns.Where(t => t.Family == family)], [.. Runs.Where(r => r.Family == family)])));
        }

        rows.Add(("seen templates", Scores([.. Turns.Where(t => !t.TemplateHeldOut)], [.. Runs.Where(r => !r.TemplateHeldOut)])));
        rows.Add(("unseen templates", Scores([.. Turns.Where(t => t.TemplateHeldOut)], [.. Runs.Where(r => r.TemplateHeldOut)])));
        rows.Add(("all", Scores(Turns, Runs)));

        var columns = new (string Header, string Key)[]
        {
            ("episodes", "episodes"), ("call ok", "call_schema_valid"), ("tool", "tool_right"), ("args =", "arguments_exact"),
            ("args ~", "arguments_equivalent"), ("answer", "answer_right"), ("run calls ok", "run_calls_valid"), ("run final", "run_final_right"),
            ("copy 1st tok", "copy_first_token_right"), ("copy rest", "copy_right_after_first_token"),
        };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"family",-18}");
        foreach (var (header, _) in columns)
        {
            text.Append(CultureInfo.InvariantCulture, $" {header,12}");
        }

        text.Append('\n');
        foreach (var (name, scores) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name,-18}");
            foreach (var (_, key) in columns)
            {
                var node = scores[key];
                var cell = node is null ? "-"
                    : key == "episodes" ? node.GetValue<int>().ToString(CultureInfo.InvariantCulture)
                    : node.GetValue<double>().ToString("P1", CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $" {cell,12}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static double? Rate(int count, int total) => total == 0 ? null : Math.Round((double)count / total, 4);
}
