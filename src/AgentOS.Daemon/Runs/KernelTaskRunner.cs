using System.Diagnostics;
using System.Text;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Store;
using AgentOS.Daemon.Tools;
using AgentOS.Kernel.Runs;
using AgentOS.Kernel.ToolHosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Runs;

/// <summary>
/// Runs tasks on the kernel's agent loop (<see cref="AgentRunner"/>) over a shared model (the
/// daemon's <c>BatchScheduler</c>), with the task's tools, capabilities and budgets as its policy.
/// Streamed text is coalesced into one event per burst (at most every 250 ms) so the store is not
/// written once per token; each coalesced burst and each tool round also checkpoints the transcript.
/// </summary>
public sealed class KernelTaskRunner : ITaskRunner
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);
    private readonly IAgentModel _model;
    private readonly ToolCatalog _catalog;
    private readonly DaemonOptions _options;
    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the runner.</summary>
    /// <param name="model">The model runs share.</param>
    /// <param name="modelName">What to show as the model (its file).</param>
    /// <param name="catalog">The tools tasks may use.</param>
    /// <param name="options">Default budgets and the tool timeout.</param>
    /// <param name="loggerFactory">Logging for the loop and the tool host.</param>
    public KernelTaskRunner(IAgentModel model, string modelName, ToolCatalog catalog, IOptions<DaemonOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        Model = modelName;
        _catalog = catalog;
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    /// <inheritdoc />
    public string? Model { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The kernel starts every run from the task's text, so a resumed task runs again from the start;
    /// its earlier partial transcript stays in its events.
    /// </remarks>
    public async Task<TaskRunOutcome> RunAsync(TaskRecord task, string? resumeFrom, ITaskRunProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(progress);
        var registry = new ToolRegistry(_catalog.Tools.Select(t => t.Tool));
        var host = new ToolHost(registry, _loggerFactory.CreateLogger<ToolHost>());
        var submission = task.Submission;
        var policy = new ToolPolicy
        {
            AllowedTools = submission.Tools?.ToHashSet(StringComparer.Ordinal),
            GrantedCapabilities = submission.Capabilities.ToHashSet(StringComparer.Ordinal),
            ToolTimeout = TimeSpan.FromSeconds(_options.ToolTimeoutSeconds),
        };
        var runOptions = new AgentRunOptions
        {
            Policy = policy,
            MaxSteps = submission.Budgets.MaxSteps ?? _options.MaxSteps,
            MaxTotalTokens = submission.Budgets.MaxTokens ?? _options.MaxTokens,
            MaxDuration = submission.Budgets.Timeout ?? TimeSpan.FromSeconds(_options.TaskTimeoutSeconds),
        };
        var transcript = new RunTranscript(submission.Text, runOptions.SystemPrompt, host.DefinitionsFor(policy).Select(d => d.Name));
        var pending = new PendingText();
        var runner = new AgentRunner(_model, host, _loggerFactory.CreateLogger<AgentRunner>());
        AgentRunResult? result = null;

        void Flush()
        {
            if (pending.Take() is { } burst)
            {
                progress.Report(burst.Kind, new { step = burst.Step, text = burst.Text });
                progress.Checkpoint(transcript.ToJson());
            }
        }

        void AddPending(string kind, int step, string text)
        {
            if (!pending.Continues(kind, step))
            {
                Flush();
            }

            pending.Add(kind, step, text);
            if (pending.Due)
            {
                Flush();
            }
        }

        await foreach (var ev in runner.RunAsync(submission.Text, runOptions, cancellationToken).ConfigureAwait(false))
        {
            switch (ev)
            {
                case TextEvent text:
                    transcript.AddText(text.Step, "text", text.Text);
                    AddPending("text", text.Step, text.Text);
                    break;
                case ThinkingEvent thinking:
                    transcript.AddText(thinking.Step, "thinking", thinking.Text);
                    AddPending("thinking", thinking.Step, thinking.Text);
                    break;
                case ToolCallEvent call:
                    Flush();
                    transcript.AddCall(call.Step, call.Call);
                    progress.Report("tool_call", new { step = call.Step, id = call.Call.Id, name = call.Call.Name, arguments = call.Call.Arguments });
                    break;
                case ToolResultEvent done:
                    Flush();
                    var invocation = done.Invocation;
                    transcript.AddResult(done.Step, invocation.Call.Id, invocation.Call.Name, invocation.Result);
                    progress.Report("tool_result", new
                    {
                        step = done.Step,
                        id = invocation.Call.Id,
                        name = invocation.Call.Name,
                        content = invocation.Result.IsSuccess ? invocation.Result.Content : null,
                        error = invocation.Result.IsSuccess ? null : invocation.Result.Error.Message,
                        code = invocation.Result.IsSuccess ? null : invocation.Result.Error.Code.ToString(),
                        milliseconds = Math.Round(invocation.Elapsed.TotalMilliseconds, 1),
                        truncated = invocation.Truncated,
                    });
                    progress.Checkpoint(transcript.ToJson());
                    break;
                case AnswerEvent answer:
                    Flush();
                    progress.Report("answer", new { step = answer.Step, text = answer.Text });
                    break;
                case ErrorEvent error:
                    Flush();
                    progress.Report("error", new { step = error.Step, kind = error.Kind.ToString(), message = error.Message });
                    break;
                case RunCompletedEvent completed:
                    Flush();
                    result = completed.Result;
                    break;
            }
        }

        if (result is null)
        {
            throw new InvalidOperationException("The kernel's run ended without a result.");
        }

        var finalTranscript = transcript.ToJson();
        progress.Checkpoint(finalTranscript);
        if (result.Outcome == RunOutcome.Cancelled)
        {
            // The dispatcher decides what a cancellation means (the user's cancel, or the daemon stopping).
            throw new OperationCanceledException(cancellationToken);
        }

        var stats = System.Text.Json.JsonSerializer.Serialize(new
        {
            outcome = result.Outcome.ToString(),
            steps = result.Steps.Count,
            tokensPrefilled = result.TotalTokensPrefilled,
            tokensGenerated = result.TotalTokensGenerated,
            modelMilliseconds = Math.Round(result.Steps.Sum(s => s.ModelTime.TotalMilliseconds), 1),
            toolMilliseconds = Math.Round(result.Steps.Sum(s => s.ToolTime.TotalMilliseconds), 1),
            elapsedMilliseconds = Math.Round(result.Elapsed.TotalMilliseconds, 1),
            format = result.FormatName,
        }, DaemonJson.Options);
        return result.Outcome == RunOutcome.Answered
            ? TaskRunOutcome.Completed(result.Answer ?? string.Empty, stats, finalTranscript)
            : TaskRunOutcome.Failed(result.Error ?? result.Outcome.ToString(), stats, finalTranscript);
    }

    /// <summary>Consecutive text of one kind and step, waiting to be reported as one event.</summary>
    private sealed class PendingText
    {
        private readonly StringBuilder _text = new();
        private readonly Stopwatch _since = new();
        private string? _kind;
        private int _step;

        /// <summary>Whether text of this kind and step belongs to the pending burst (or nothing is pending).</summary>
        public bool Continues(string kind, int step) => _kind is null || (_kind == kind && _step == step);

        /// <summary>Whether the pending burst is old enough to be reported.</summary>
        public bool Due => _kind is not null && _since.Elapsed >= FlushInterval;

        public void Add(string kind, int step, string text)
        {
            if (_kind is null)
            {
                _kind = kind;
                _step = step;
                _since.Restart();
            }

            _text.Append(text);
        }

        public (string Kind, int Step, string Text)? Take()
        {
            if (_kind is null)
            {
                return null;
            }

            var burst = (_kind, _step, _text.ToString());
            _kind = null;
            _text.Clear();
            return burst;
        }
    }
}
