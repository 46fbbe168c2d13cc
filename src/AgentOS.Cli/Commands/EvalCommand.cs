using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Daemon.Hosting;
using AgentOS.Kernel.Evaluation;
using AgentOS.Kernel.Runs;
using AgentOS.Tools;
using AgentOS.Tools.Retrieval;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos eval</c>: runs the default model's held-out tasks through the full loop (real tools, grammar on,
/// greedy) and prints tool-selection accuracy, schema-valid call rate, final-answer accuracy and average steps,
/// overall and per task family. The set is the <c>heldout.jsonl</c> the corpus generator writes, with the
/// <c>documents/</c> folder beside it that retrieval tasks search (indexed into a temporary index for the run).
/// </summary>
public static class EvalCommand
{
    /// <summary>File name of the held-out set.</summary>
    public const string SetFileName = "heldout.jsonl";

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var set = new Option<string?>("--set")
        {
            Description = $"The held-out set: a {SetFileName} file or the folder holding it (default: eval/{SetFileName} beside the model).",
            HelpName = "PATH",
        };
        var model = new Option<string?>("--model") { Description = "The GGUF model (default: models/agentos-tiny.gguf).", HelpName = "PATH" };
        var limit = new Option<int?>("--limit") { Description = "Run only the first N tasks.", HelpName = "N" };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Most assistant turns per task (default 8).", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the figures and every task's result as JSON." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for decoding (default: the engine's, one per core).", HelpName = "N" };
        var command = new Command("eval", "Run the model's held-out tasks through the agent loop and report its accuracy.")
        {
            set, model, limit, maxSteps, json, threads,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult, parseResult.GetValue(set), parseResult.GetValue(model), parseResult.GetValue(limit), parseResult.GetValue(maxSteps) ?? 8,
            parseResult.GetValue(json), parseResult.GetValue(threads), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, string? setPath, string? modelPath, int? limit, int maxSteps, bool json, int? threads, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (limit is < 1 || maxSteps < 1 || threads is < 1)
        {
            await error.WriteLineAsync("agentos: --limit, --max-steps and --threads must be at least 1.").ConfigureAwait(false);
            return 1;
        }

        var setFile = ResolveSet(setPath, modelPath ?? DaemonPaths.FindDefaultModel());
        if (setFile is null)
        {
            await error.WriteLineAsync(
                $"agentos: no evaluation set: pass --set PATH (the {SetFileName} the corpus generator writes, with its documents/ folder).").ConfigureAwait(false);
            return 1;
        }

        IReadOnlyList<EvalTask> tasks;
        try
        {
            tasks = EvalSet.Load(setFile);
        }
        catch (Exception exception) when (exception is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"agentos: {exception.Message}").ConfigureAwait(false);
            return 1;
        }

        if (limit is { } n)
        {
            tasks = tasks.Take(n).ToList();
        }

        var scratch = Directory.CreateTempSubdirectory("agentos-eval-");
        try
        {
            var toolsOptions = new ToolsOptions { DataDirectory = scratch.FullName };
            var documents = Path.Combine(Path.GetDirectoryName(setFile)!, "documents");
            if (Directory.Exists(documents))
            {
                using var index = DocumentIndex.Open(toolsOptions.IndexDatabasePath);
                index.Add([documents]);
            }

            LocalAgent agent;
            try
            {
                agent = await LocalAgent.OpenAsync(modelPath, toolsOptions, threads, cancellationToken).ConfigureAwait(false);
            }
            catch (LocalAgentException exception)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }

            using (agent)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
                if (!json)
                {
                    console.MarkupLine($"[grey]{tasks.Count} tasks from {Markup.Escape(setFile)} on {Markup.Escape(agent.ModelPath)}[/]");
                }

                var evaluator = new AgentEvaluator(agent.Runner, agent.Registry);
                var summary = await evaluator.RunAsync(
                    tasks,
                    new AgentRunOptions { MaxSteps = maxSteps },
                    json ? null : result => console.MarkupLine(Line(result)),
                    cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    await output.WriteLineAsync(ToJson(summary, setFile, agent.ModelPath)).ConfigureAwait(false);
                }
                else
                {
                    console.Write(Table(summary));
                }

                return 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("agentos: evaluation cancelled.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or SqliteException)
        {
            await error.WriteLineAsync($"agentos: {exception.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing the evaluation over.
            }
        }
    }

    /// <summary>The set file: <paramref name="setPath"/> (a file, or a folder holding one), else eval/heldout.jsonl beside the model.</summary>
    internal static string? ResolveSet(string? setPath, string? modelPath)
    {
        if (!string.IsNullOrWhiteSpace(setPath))
        {
            return Directory.Exists(setPath) ? Path.GetFullPath(Path.Combine(setPath, SetFileName)) : Path.GetFullPath(setPath);
        }

        if (modelPath is null)
        {
            return null;
        }

        var candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "eval", SetFileName);
        return File.Exists(candidate) ? candidate : null;
    }

    private static string Line(EvalTaskResult result)
    {
        static string Mark(bool ok) => ok ? "[green]✓[/]" : "[red]✗[/]";
        var tools = result.CalledTools.Count == 0 ? "no call" : string.Join(" → ", result.CalledTools);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Mark(result.ToolRight && result.AnswerRight)} {Markup.Escape(result.Task.Id)} [grey]{Markup.Escape(result.Task.Family)}[/] tool {Mark(result.ToolRight)} answer {Mark(result.AnswerRight)} [grey]{Markup.Escape(tools)}, {result.Steps} steps, {result.Elapsed.TotalSeconds:0.0} s[/]");
    }

    private static Table Table(EvalSummary summary)
    {
        var table = new Table().AddColumns("family", "tasks", "tool selection", "schema-valid calls", "final answer", "avg steps");
        foreach (var (family, part) in summary.ByFamily())
        {
            table.AddRow(Row(family, part));
        }

        table.AddRow(Row("[bold]all[/]", summary));
        return table;

        static string[] Row(string name, EvalSummary s) =>
        [
            name,
            s.Tasks.ToString(CultureInfo.InvariantCulture),
            Percent(s.ToolSelectionAccuracy),
            s.SchemaValidCallRate is { } rate ? Percent(rate) : "–",
            Percent(s.FinalAnswerAccuracy),
            s.AverageSteps.ToString("0.00", CultureInfo.InvariantCulture),
        ];
    }

    private static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string ToJson(EvalSummary summary, string setFile, string modelPath)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("set", setFile);
            writer.WriteString("model", modelPath);
            WriteFigures(writer, summary);
            writer.WriteStartObject("by_family");
            foreach (var (family, part) in summary.ByFamily())
            {
                writer.WriteStartObject(family);
                WriteFigures(writer, part);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("results");
            foreach (var result in summary.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("id", result.Task.Id);
                writer.WriteString("family", result.Task.Family);
                writer.WriteString("outcome", result.Outcome.ToString());
                writer.WriteString("answer", result.Answer);
                writer.WriteStartArray("called_tools");
                foreach (var tool in result.CalledTools)
                {
                    writer.WriteStringValue(tool);
                }

                writer.WriteEndArray();
                writer.WriteNumber("calls", result.Calls);
                writer.WriteNumber("valid_calls", result.ValidCalls);
                writer.WriteNumber("steps", result.Steps);
                writer.WriteBoolean("tool_right", result.ToolRight);
                writer.WriteBoolean("answer_right", result.AnswerRight);
                writer.WriteNumber("elapsed_ms", Math.Round(result.Elapsed.TotalMilliseconds, 1));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFigures(Utf8JsonWriter writer, EvalSummary summary)
    {
        writer.WriteNumber("tasks", summary.Tasks);
        writer.WriteNumber("tool_selection_accuracy", Math.Round(summary.ToolSelectionAccuracy, 4));
        if (summary.SchemaValidCallRate is { } rate)
        {
            writer.WriteNumber("schema_valid_call_rate", Math.Round(rate, 4));
        }
        else
        {
            writer.WriteNull("schema_valid_call_rate");
        }

        writer.WriteNumber("final_answer_accuracy", Math.Round(summary.FinalAnswerAccuracy, 4));
        writer.WriteNumber("average_steps", Math.Round(summary.AverageSteps, 3));
    }
}
