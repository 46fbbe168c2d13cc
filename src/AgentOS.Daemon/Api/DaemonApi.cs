using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Runs;
using AgentOS.Daemon.Store;
using AgentOS.Daemon.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Api;

/// <summary>
/// The local HTTP+JSON API, version 1. Every error is a JSON <see cref="ApiError"/> with a status code
/// that says whose fault it was (400 bad request, 404 no such task, 409 wrong state).
/// </summary>
public static partial class DaemonApi
{
    /// <summary>Longest task text accepted, in characters.</summary>
    public const int MaxTaskTextLength = 100_000;

    private static readonly DateTimeOffset StartedAt = DateTimeOffset.UtcNow;

    /// <summary>Maps the API's routes under <c>/v1</c>.</summary>
    public static IEndpointRouteBuilder MapDaemonApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var v1 = endpoints.MapGroup("/v1");
        v1.MapGet("/health", Health);
        v1.MapPost("/tasks", Submit);
        v1.MapGet("/tasks", List);
        v1.MapGet("/tasks/{id:long}", Show);
        v1.MapPost("/tasks/{id:long}/cancel", Cancel);
        v1.MapGet("/tasks/{id:long}/events", StreamEventsAsync);
        v1.MapGet("/tools", ListTools);
        v1.MapGet("/plugins", ListPlugins);
        endpoints.MapFallback(() => Error(StatusCodes.Status404NotFound, "No such API route; the API lives under /v1 (health, tasks, tools, plugins)."));
        return endpoints;
    }

    /// <summary>The version string the daemon reports.</summary>
    public static string Version { get; } =
        typeof(DaemonApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static IResult Health(TaskStore store, TaskDispatcher dispatcher, IOptions<DaemonOptions> options, ITaskRunner runner)
    {
        var counts = store.CountByState().ToDictionary(kv => kv.Key.ToWireName(), kv => kv.Value);
        return Results.Json(
            new HealthView("ok", Version, Environment.ProcessId, StartedAt, runner.Model, options.Value.Concurrency,
                dispatcher.RunningTaskIds.Order().ToList(), counts, options.Value.ResolvedDataDirectory),
            DaemonJson.Options);
    }

    private static IResult Submit(SubmitTaskRequest? request, TaskDispatcher dispatcher, ToolCatalog catalog)
    {
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The request body must be a JSON object with at least \"text\".");
        }

        if (Validate(request, catalog) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var budgets = new TaskBudgets(request.MaxSteps, request.MaxTokens, request.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        var submission = new TaskSubmission(request.Text!, request.Priority ?? 0, request.Tools?.Distinct().ToList(), request.Capabilities?.Distinct().ToList() ?? [], budgets);
        var task = dispatcher.Submit(submission);
        return Results.Json(ToView(task), DaemonJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(TaskStore store, string? state, int? limit)
    {
        TaskState? filter = null;
        if (state is not null)
        {
            if (!TaskStates.TryParseWireName(state, out var parsed))
            {
                return Error(StatusCodes.Status400BadRequest, $"Unknown state '{state}'; use queued, running, completed, failed, cancelled or interrupted.");
            }

            filter = parsed;
        }

        if (limit is < 1 or > 10_000)
        {
            return Error(StatusCodes.Status400BadRequest, "limit must be between 1 and 10000.");
        }

        var tasks = store.List(filter, limit ?? 100);
        return Results.Json(tasks.Select(ToView).ToList(), DaemonJson.Options);
    }

    private static IResult Show(long id, TaskStore store)
    {
        if (store.Get(id) is not { } task)
        {
            return NoSuchTask(id);
        }

        var result = store.GetResult(id);
        return Results.Json(
            new TaskDetailsView(
                ToView(task),
                result?.Answer,
                result?.Error,
                ParseJson(result?.Stats),
                ParseJson(store.GetTranscript(id)),
                store.ReadEvents(id, 0, int.MaxValue).Count),
            DaemonJson.Options);
    }

    private static async Task<IResult> Cancel(long id, TaskStore store, TaskDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (store.Get(id) is not { } before)
        {
            return NoSuchTask(id);
        }

        if (before.State.IsFinal())
        {
            return Error(StatusCodes.Status409Conflict, $"Task {id} has already ended ({before.State.ToWireName()}); there is nothing to cancel.");
        }

        var after = await dispatcher.CancelAsync(id, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        return Results.Json(ToView(after ?? before), DaemonJson.Options);
    }

    /// <summary>
    /// Server-Sent Events: every stored event after <c>?after=N</c> (or the <c>Last-Event-ID</c>
    /// header), then new ones as they happen, then an <c>end</c> event once the task has ended.
    /// The store is read on every wake-up, so a slow client never misses an event.
    /// </summary>
    private static async Task StreamEventsAsync(
        HttpContext context, long id, long? after, TaskStore store, TaskChangeSignal signal, IHostApplicationLifetime lifetime)
    {
        if (store.Get(id) is null)
        {
            await NoSuchTask(id).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var last = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var header) ? header : 0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var changed = signal.Changed;
                // Read the state before the events: a final state is committed with its event, so
                // seeing "final" first guarantees the read below includes every event.
                var task = store.Get(id)!;
                var events = store.ReadEvents(id, last, 500);
                foreach (var ev in events)
                {
                    var view = new TaskEventView(ev.TaskId, ev.Sequence, ev.Kind, ParseJson(ev.Data) ?? default, ev.CreatedAt);
                    await WriteEventAsync(response, ev.Sequence.ToString(CultureInfo.InvariantCulture), ev.Kind, JsonSerializer.Serialize(view, DaemonJson.Options), stop.Token).ConfigureAwait(false);
                    last = ev.Sequence;
                }

                if (events.Count == 0 && task.State.IsFinal())
                {
                    await WriteEventAsync(response, null, "end", JsonSerializer.Serialize(new { taskId = id, state = task.State.ToWireName() }), stop.Token).ConfigureAwait(false);
                    return;
                }

                if (events.Count > 0)
                {
                    continue;
                }

                try
                {
                    await changed.WaitAsync(TimeSpan.FromSeconds(15), stop.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A comment line keeps idle connections (and proxies on the TCP listener) alive.
                    await response.WriteAsync(": keep-alive\n\n", stop.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the daemon stops: the stream just ends.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string? id, string kind, string json, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (id is not null)
        {
            text.Append("id: ").Append(id).Append('\n');
        }

        text.Append("event: ").Append(kind).Append('\n');
        // Serialized JSON has no raw newlines, so the payload is one data line.
        text.Append("data: ").Append(json).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IResult ListTools(ToolCatalog catalog) => Results.Json(
        catalog.Tools.Select(t => new ToolView(
            t.Tool.Definition.Name, t.Tool.Definition.Description, t.Tool.Definition.ParametersSchema, t.Tool.Definition.Capabilities, t.Source)).ToList(),
        DaemonJson.Options);

    private static IResult ListPlugins(ToolCatalog catalog) => Results.Json(
        catalog.Plugins.Select(p => new PluginView(
            p.Name, p.Kind?.ToString().ToLowerInvariant() ?? "unknown", p.Path, p.Loaded, p.Error, p.Tools, p.Capabilities)).ToList(),
        DaemonJson.Options);

    private static string? Validate(SubmitTaskRequest request, ToolCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return "\"text\" is required: the task in words.";
        }

        if (request.Text.Length > MaxTaskTextLength)
        {
            return $"\"text\" is {request.Text.Length} characters long; the limit is {MaxTaskTextLength}.";
        }

        if (request.Priority is < -100 or > 100)
        {
            return "\"priority\" must be between -100 and 100.";
        }

        if (request.MaxSteps is < 1 or > 1000)
        {
            return "\"maxSteps\" must be between 1 and 1000.";
        }

        if (request.MaxTokens is < 1 or > 1_048_576)
        {
            return "\"maxTokens\" must be between 1 and 1048576.";
        }

        if (request.TimeoutSeconds is { } timeout && (double.IsNaN(timeout) || timeout <= 0 || timeout > 86_400))
        {
            return "\"timeoutSeconds\" must be more than 0 and at most 86400.";
        }

        if (request.Tools is not null)
        {
            var unknown = request.Tools.Where(name => catalog.Find(name) is null).ToList();
            if (unknown.Count > 0)
            {
                var known = string.Join(", ", catalog.Tools.Select(t => t.Tool.Definition.Name));
                return $"Unknown tool(s): {string.Join(", ", unknown)}. Available: {(known.Length == 0 ? "none" : known)}.";
            }
        }

        if (request.Capabilities is not null)
        {
            var bad = request.Capabilities.FirstOrDefault(c => !CapabilityPattern().IsMatch(c ?? string.Empty));
            if (request.Capabilities.Any(c => c is null) || bad is not null)
            {
                return $"Capability '{bad}' is not valid: use a name like network, process, fs.read or fs.read:/some/path.";
            }
        }

        return null;
    }

    internal static TaskView ToView(TaskRecord task) => new(
        task.Id,
        task.Submission.Text,
        task.State.ToWireName(),
        task.StateReason,
        task.Submission.Priority,
        task.Submission.Tools,
        task.Submission.Capabilities,
        task.CreatedAt,
        task.StartedAt,
        task.FinishedAt,
        task.Attempts);

    private static JsonElement? ParseJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON (an older or foreign checkpoint): show it as a string rather than fail the request.
            return JsonSerializer.SerializeToElement(json);
        }
    }

    private static IResult NoSuchTask(long id) => Error(StatusCodes.Status404NotFound, $"There is no task {id}.");

    private static IResult Error(int status, string message) =>
        Results.Json(new ApiError(message), DaemonJson.Options, statusCode: status);

    [GeneratedRegex(@"^[a-z][a-z0-9._-]*(:\S+)?$")]
    private static partial Regex CapabilityPattern();
}
