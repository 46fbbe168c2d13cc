using System.Diagnostics;
using System.Globalization;
using AgentOS.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOS.Kernel.ToolHosting;

/// <summary>
/// Runs the model's tool calls under a task's policy. Every failure — unknown tool, a tool the task may not use,
/// arguments that break the schema, a tool that throws or runs past its time — becomes a <see cref="ToolResult"/>
/// with an error the model reads; only cancellation of the run itself propagates. Arguments are validated against
/// the tool's schema before the tool sees them, and results are capped in size.
/// </summary>
public sealed partial class ToolHost
{
    private readonly ILogger _logger;

    /// <summary>Creates a host over <paramref name="registry"/>.</summary>
    public ToolHost(ToolRegistry registry, ILogger<ToolHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The tools this host can run.</summary>
    public ToolRegistry Registry { get; }

    /// <summary>The definitions of the tools a task under <paramref name="policy"/> may call, for the prompt and the grammar.</summary>
    public IReadOnlyList<ToolDefinition> DefinitionsFor(ToolPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Registry.Tools
            .Select(t => t.Definition)
            .Where(d => policy.Allows(d.Name) && policy.MissingCapability(d.Capabilities) is null)
            .ToList();
    }

    /// <summary>
    /// Runs the calls of one turn, up to <see cref="ToolPolicy.MaxParallelCalls"/> at a time, and returns one
    /// invocation per call in call order.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ToolInvocation>> InvokeAsync(IReadOnlyList<ToolCall> calls, ToolPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        using var gate = new SemaphoreSlim(policy.MaxParallelCalls);
        var tasks = calls.Select(async call =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await InvokeOneAsync(call, policy, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Runs one call; see <see cref="InvokeAsync"/>.</summary>
    public async Task<ToolInvocation> InvokeOneAsync(ToolCall call, ToolPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(policy);
        var stopwatch = Stopwatch.StartNew();
        var result = await RunAsync(call, policy, cancellationToken).ConfigureAwait(false);
        var (capped, truncated) = Cap(result, policy.MaxResultCharacters);
        stopwatch.Stop();
        if (capped.IsSuccess)
        {
            LogToolSucceeded(_logger, call.Name, call.Id, stopwatch.Elapsed.TotalMilliseconds);
        }
        else
        {
            LogToolFailed(_logger, call.Name, call.Id, capped.Error.Code, capped.Error.Message);
        }

        return new ToolInvocation(call, capped, stopwatch.Elapsed, truncated);
    }

    private async Task<ToolResult> RunAsync(ToolCall call, ToolPolicy policy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Registry.TryGet(call.Name, out var tool))
        {
            var known = Registry.Tools.Select(t => t.Definition.Name).Where(policy.Allows).ToList();
            var list = known.Count == 0 ? "none" : string.Join(", ", known);
            return ToolResult.Fail(ToolErrorCode.UnknownTool, $"There is no tool named '{call.Name}'. The tools you can call are: {list}.");
        }

        if (!policy.Allows(call.Name))
        {
            return ToolResult.Fail(ToolErrorCode.NotAllowed, $"The tool '{call.Name}' is not allowed for this task.");
        }

        if (policy.MissingCapability(tool.Definition.Capabilities) is { } missing)
        {
            return ToolResult.Fail(ToolErrorCode.NotAllowed, $"The tool '{call.Name}' needs the capability '{missing}', which this task was not granted.");
        }

        if (!JsonSchemaValidator.TryValidate(tool.Definition.ParametersSchema, call.Arguments, out var invalid))
        {
            return ToolResult.Fail(ToolErrorCode.InvalidArguments, $"Invalid arguments for '{call.Name}': {invalid}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.ToolTimeout);
        try
        {
            // Task.Run: a tool that blocks before returning its task must not block the loop. WaitAsync: a tool that
            // ignores its token is abandoned at the deadline rather than awaited forever.
            var invocation = Task.Run(() => tool.InvokeAsync(call.Arguments, timeout.Token), timeout.Token);
            var result = await invocation.WaitAsync(policy.ToolTimeout, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (result is null)
            {
                return ToolResult.Fail(ToolErrorCode.InternalError, $"The tool '{call.Name}' returned no result.");
            }

            // A tool that honours its token reports the deadline as its own cancellation: to the model it is a timeout.
            return result.Error?.Code == ToolErrorCode.Cancelled && timeout.IsCancellationRequested ? TimedOut(call, policy) : result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            return TimedOut(call, policy);
        }
#pragma warning disable CA1031 // A tool's failure is a result the model reads, never an exception the kernel dies of.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogToolThrew(_logger, exception, call.Name, call.Id);
            return ToolResult.Fail(ToolErrorCode.InternalError, $"The tool '{call.Name}' failed unexpectedly: {exception.Message}");
        }
    }

    private static ToolResult TimedOut(ToolCall call, ToolPolicy policy) => ToolResult.Fail(ToolErrorCode.Timeout,
        $"The tool '{call.Name}' did not finish within {policy.ToolTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped.");

    /// <summary>Cuts result text (content or error message) to the policy's limit, saying so in the text.</summary>
    internal static (ToolResult Result, bool Truncated) Cap(ToolResult result, int maxCharacters)
    {
        var text = result.IsSuccess ? result.Content : result.Error.Message;
        if (text.Length <= maxCharacters)
        {
            return (result, false);
        }

        var note = $"\n[output truncated: {maxCharacters.ToString(CultureInfo.InvariantCulture)} of {text.Length.ToString(CultureInfo.InvariantCulture)} characters shown]";
        var cut = maxCharacters;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        var shortened = text[..cut] + note;
        return (result.IsSuccess ? ToolResult.Ok(shortened) : ToolResult.Fail(result.Error.Code, shortened), true);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} ({CallId}) succeeded in {Milliseconds} ms")]
    private static partial void LogToolSucceeded(ILogger logger, string tool, string callId, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tool {Tool} ({CallId}) failed: {Code}: {Message}")]
    private static partial void LogToolFailed(ILogger logger, string tool, string callId, ToolErrorCode code, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tool {Tool} ({CallId}) threw")]
    private static partial void LogToolThrew(ILogger logger, Exception exception, string tool, string callId);
}
