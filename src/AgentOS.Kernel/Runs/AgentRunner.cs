using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentOS.Kernel.ToolHosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOS.Kernel.Runs;

/// <summary>
/// Runs tasks: a local model as the controller of a loop that calls tools (DESIGN.md, "The flow of one task").
/// Each run gets its own KV sequence; the prompt is rendered once, and after every tool turn only the new tokens are
/// decoded. This loop is our own rather than an <c>IChatClient</c> function-invoking middleware because it needs
/// token-level control: special-token-only call markers, the lazy grammar, and KV reuse.
/// </summary>
public sealed class AgentRunner
{
    private readonly IAgentModel _model;
    private readonly ToolHost _tools;
    private readonly ILogger _logger;

    /// <summary>Creates a runner over a model and a tool host.</summary>
    public AgentRunner(IAgentModel model, ToolHost tools, ILogger<AgentRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tools);
        _model = model;
        _tools = tools;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Runs a task and streams its events; the last event is always a <see cref="RunCompletedEvent"/>. Bad model
    /// output, failing tools, exhausted budgets and cancellation end in events, not exceptions. Stopping the
    /// enumeration early cancels the run.
    /// </summary>
    /// <exception cref="ArgumentException">The task is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public IAsyncEnumerable<AgentEvent> RunAsync(string task, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        options ??= new AgentRunOptions();
        options.Validate();
        return StreamAsync(task, options, cancellationToken);
    }

    /// <summary>Runs a task to its end, reporting each event to <paramref name="progress"/> as it happens.</summary>
    public async Task<AgentRunResult> RunToEndAsync(string task, AgentRunOptions? options = null, Action<AgentEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        AgentRunResult? result = null;
        await foreach (var item in RunAsync(task, options, cancellationToken).ConfigureAwait(false))
        {
            progress?.Invoke(item);
            if (item is RunCompletedEvent completed)
            {
                result = completed.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The run ended without a result.");
    }

    private async IAsyncEnumerable<AgentEvent> StreamAsync(string task, AgentRunOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The loop writes into a channel from its own task so that it can catch every failure (an iterator cannot
        // yield inside try/catch); the consumer leaving early cancels it.
        var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = new AgentRun(_model, _tools, options, _logger, channel.Writer);
        var producer = Task.Run(() => run.ExecuteAsync(task, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }
}
