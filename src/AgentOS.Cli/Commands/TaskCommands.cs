using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Client;

namespace AgentOS.Cli.Commands;

/// <summary>
/// The task verbs against a running daemon: <c>submit</c>, <c>list</c>, <c>show</c>, <c>watch</c>,
/// <c>cancel</c>, each with <c>--json</c>, and the global <c>--socket</c>.
/// </summary>
public static class TaskCommands
{
    /// <summary>Adds the task verbs and the global <c>--socket</c> option to <paramref name="root"/>.</summary>
    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(DaemonCliSupport.Socket);
        root.Subcommands.Add(CreateSubmit());
        root.Subcommands.Add(CreateList());
        root.Subcommands.Add(CreateShow());
        root.Subcommands.Add(CreateWatch());
        root.Subcommands.Add(CreateCancel());
    }

    private static Command CreateSubmit()
    {
        var text = new Argument<string>("task") { Description = "The task, in words." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the task ends and print its answer instead of its id." };
        var tools = new Option<string?>("--tools") { Description = "Comma-separated tools the task may use (default: all)." };
        var capabilities = new Option<string?>("--capabilities") { Description = "Comma-separated capabilities granted to its tools (network, fs.read:/path, …; default: none)." };
        var priority = new Option<int>("--priority") { Description = "Higher runs first (-100 to 100; default 0)." };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Most model turns (default: the daemon's)." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens the model may generate over the task (default: the daemon's)." };
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("submit", "Give the daemon a task; prints its id (or, with --wait, its answer).")
        {
            text, wait, tools, capabilities, priority, maxSteps, maxTokens, json,
        };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var request = new SubmitTaskRequest
            {
                Text = parseResult.GetRequiredValue(text),
                Tools = SplitList(parseResult.GetValue(tools)),
                Capabilities = SplitList(parseResult.GetValue(capabilities)),
                Priority = parseResult.GetValue(priority),
                MaxSteps = parseResult.GetValue(maxSteps),
                MaxTokens = parseResult.GetValue(maxTokens),
            };
            var task = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
            if (!parseResult.GetValue(wait))
            {
                if (parseResult.GetValue(json))
                {
                    DaemonCliSupport.WriteJson(output, task);
                }
                else
                {
                    await output.WriteLineAsync(task.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }

                return 0;
            }

            var done = await client.WaitAsync(task.Id, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, done);
            }
            else if (done.Answer is not null)
            {
                await output.WriteLineAsync(done.Answer).ConfigureAwait(false);
            }

            if (done.Task.State == "completed")
            {
                return 0;
            }

            await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                $"agentos: task {task.Id} {done.Task.State}: {done.Error ?? done.Task.Reason ?? "no answer"}").ConfigureAwait(false);
            return 1;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var state = new Option<string?>("--state") { Description = "Only tasks in this state (queued, running, completed, failed, cancelled, interrupted)." };
        var limit = new Option<int?>("--limit") { Description = "At most this many, newest first (default 100)." };
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("list", "List the daemon's tasks, newest first.") { state, limit, json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var tasks = await client.ListAsync(parseResult.GetValue(state), parseResult.GetValue(limit), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, tasks);
                return 0;
            }

            if (tasks.Count == 0)
            {
                await output.WriteLineAsync("No tasks.").ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync($"{"ID",6}  {"STATE",-11}  {"PRI",4}  {"CREATED",-19}  TASK").ConfigureAwait(false);
            foreach (var task in tasks)
            {
                var created = task.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{task.Id,6}  {task.State,-11}  {task.Priority,4}  {created,-19}  {OneLine(task.Text, 60)}")).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("show", "Show one task: its state, answer or error, and statistics.") { id, json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var details = await client.GetAsync(parseResult.GetRequiredValue(id), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, details);
                return 0;
            }

            var task = details.Task;
            var invariant = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(invariant, $"Task {task.Id}: {task.State}{(task.Reason is null ? string.Empty : $" ({task.Reason})")}")).ConfigureAwait(false);
            await output.WriteLineAsync($"Text:      {task.Text}").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(invariant, $"Priority:  {task.Priority}   Attempts: {task.Attempts}   Events: {details.Events}")).ConfigureAwait(false);
            await output.WriteLineAsync($"Tools:     {(task.Tools is null ? "all" : task.Tools.Count == 0 ? "none" : string.Join(", ", task.Tools))}").ConfigureAwait(false);
            if (task.Capabilities.Count > 0)
            {
                await output.WriteLineAsync($"Grants:    {string.Join(", ", task.Capabilities)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"Created:   {task.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", invariant)}").ConfigureAwait(false);
            if (task.FinishedAt is { } finished)
            {
                await output.WriteLineAsync($"Finished:  {finished.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", invariant)}").ConfigureAwait(false);
            }

            if (details.Answer is not null)
            {
                await output.WriteLineAsync($"Answer:    {details.Answer}").ConfigureAwait(false);
            }

            if (details.Error is not null)
            {
                await output.WriteLineAsync($"Error:     {details.Error}").ConfigureAwait(false);
            }

            if (details.Stats is { ValueKind: JsonValueKind.Object } stats)
            {
                await output.WriteLineAsync($"Stats:     {string.Join("  ", stats.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String).Select(p => $"{p.Name}={p.Value}"))}").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command CreateWatch()
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var json = new Option<bool>("--json") { Description = "Print each event as one JSON line." };
        var command = new Command("watch", "Follow a task live: its steps as they happen, until it ends.") { id, json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var taskId = parseResult.GetRequiredValue(id);
            var asJson = parseResult.GetValue(json);
            var lastState = "queued";
            try
            {
                await foreach (var ev in client.WatchAsync(taskId, 0, cancellationToken).ConfigureAwait(false))
                {
                    if (asJson)
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(ev, AgentOS.Daemon.DaemonJson.Options)).ConfigureAwait(false);
                    }
                    else if (Describe(ev) is { } line)
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    if (ev.Kind == "state" && ev.Data.TryGetProperty("state", out var state))
                    {
                        lastState = state.GetString() ?? lastState;
                    }

                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C ends the watch, not the task.
                return 0;
            }

            return lastState is "completed" or "queued" or "running" ? 0 : 1;
        }));
        return command;
    }

    private static Command CreateCancel()
    {
        var id = new Argument<long>("id") { Description = "The task's id." };
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("cancel", "Cancel a queued or running task.") { id, json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var task = await client.CancelAsync(parseResult.GetRequiredValue(id), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, task);
            }
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Task {task.Id}: {task.State}")).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>One line for a watch event, or null for events not worth a line.</summary>
    internal static string? Describe(TaskEventView ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var data = ev.Data;
        string Get(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
                _ => value.GetRawText(),
            }
            : string.Empty;

        return ev.Kind switch
        {
            "state" => Get("reason") is { Length: > 0 } reason ? $"[{Get("state")}] {reason}" : $"[{Get("state")}]",
            "thinking" => $"  thinking: {OneLine(Get("text"), 200)}",
            "text" => $"  text: {OneLine(Get("text"), 200)}",
            "tool_call" => $"  -> {Get("name")} {OneLine(Get("arguments"), 200)}",
            "tool_result" => Get("error") is { Length: > 0 } error
                ? $"  <- {Get("name")} error: {OneLine(error, 200)}"
                : $"  <- {Get("name")}: {OneLine(Get("content"), 200)}",
            "answer" => $"  answer: {Get("text")}",
            "error" => $"  error: {Get("message")}",
            _ => $"  {ev.Kind}: {OneLine(data.GetRawText(), 200)}",
        };
    }

    private static List<string>? SplitList(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static string OneLine(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
