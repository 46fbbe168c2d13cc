using AgentOS.Abstractions;
using AgentOS.Kernel.Runs;
using AgentOS.Kernel.ToolHosting;

namespace AgentOS.Kernel.Evaluation;

/// <summary>Runs held-out tasks through the full loop and scores them (<c>agentos eval</c>).</summary>
public sealed class AgentEvaluator
{
    private readonly AgentRunner _runner;
    private readonly ToolRegistry _tools;

    /// <summary>Creates an evaluator; <paramref name="tools"/> must be the registry the runner's host uses.</summary>
    public AgentEvaluator(AgentRunner runner, ToolRegistry tools)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(tools);
        _runner = runner;
        _tools = tools;
    }

    /// <summary>Runs every task, one after another, and reports each result as it is known.</summary>
    public async Task<EvalSummary> RunAsync(
        IEnumerable<EvalTask> tasks, AgentRunOptions options, Action<EvalTaskResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<EvalTaskResult>();
        foreach (var task in tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await RunOneAsync(task, options, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Invoke(result);
        }

        return new EvalSummary(results);
    }

    /// <summary>Runs and scores one task.</summary>
    public async Task<EvalTaskResult> RunOneAsync(EvalTask task, AgentRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var called = new List<string>();
        var calls = 0;
        var valid = 0;
        var run = await _runner.RunToEndAsync(task.Task, options, item =>
        {
            switch (item)
            {
                case ToolCallEvent call:
                    calls++;
                    called.Add(call.Call.Name);
                    if (_tools.TryGet(call.Call.Name, out var tool)
                        && JsonSchemaValidator.TryValidate(tool.Definition.ParametersSchema, call.Call.Arguments, out _))
                    {
                        valid++;
                    }

                    break;
                case ErrorEvent { Kind: RunErrorKind.MalformedToolCall }:
                    calls++;
                    break;
            }
        }, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new EvalTaskResult(task, run.Outcome, run.Answer, called, calls, valid, run.Steps.Count, run.Elapsed);
    }
}
