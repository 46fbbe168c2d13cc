using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.JsWorker;

namespace AgentOS.Tools.Js;

/// <summary>
/// The <c>js</c> tool: runs JavaScript on Jint in a separate worker process. Inside, the script runs in strict
/// mode in a fresh engine, with no CLR access, no eval or Function(string), no modules, and Jint's memory,
/// time, statement, recursion, array-size and regex limits. Because those limits are cooperative (a single
/// built-in call can outrun them), the worker process is also capped by the OS (address space, CPU time, a
/// hard heap limit) and killed at the deadline. Warm workers are pooled (<see cref="JsToolOptions.PoolSize"/>).
/// </summary>
/// <remarks>
/// The result is JSON: <c>{"result": VALUE}</c> where VALUE is the last expression's value as JSON (null for
/// undefined), plus <c>"console"</c> with the captured console output when there was any, and
/// <c>"truncated": true</c> when either was cut to its limit.
/// </remarks>
public sealed class JsTool : Tool<JsArguments>, IDisposable
{
    /// <summary>The name the model calls this tool by.</summary>
    public const string ToolName = "js";

    private static readonly JsonWriterOptions ContentWriterOptions = new()
    {
        // Content is read by a model and a person: keep quotes, '<' and non-ASCII text as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsToolOptions _options;
    private readonly JsWorkerPool _pool;

    /// <summary>Creates the tool; no worker starts until the first call or <see cref="WarmUpAsync"/>.</summary>
    /// <param name="options">Limits; defaults when null. Validated here.</param>
    public JsTool(JsToolOptions? options = null)
        : base(
            ToolName,
            "Runs JavaScript and returns the value of the last expression as JSON, with any console.log output. " +
            "Use it for loops, string and array processing, dates and exact step-by-step computations. " +
            "Strict mode; no modules, no eval, no network or files; limited time and memory.")
    {
        _options = options ?? new JsToolOptions();
        _options.Validate();
        _pool = new JsWorkerPool(_options);
    }

    /// <summary>Starts the pool's workers now, so that even the first call finds a warm one.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => _pool.WarmUpAsync(cancellationToken);

    /// <summary>Idle warm workers.</summary>
    internal int IdleWorkers => _pool.IdleCount;

    /// <summary>Kills the pooled workers.</summary>
    public void Dispose() => _pool.Dispose();

    /// <inheritdoc />
    protected override async Task<ToolResult> InvokeAsync(JsArguments arguments, CancellationToken cancellationToken)
    {
        var request = new JsWorkerRequest(
            arguments.Code,
            (int)_options.Timeout.TotalMilliseconds,
            _options.MemoryLimitBytes,
            _options.MaxStatements,
            _options.MaxRecursionDepth,
            _options.MaxArraySize,
            (int)_options.RegexTimeout.TotalMilliseconds,
            _options.MaxConsoleChars,
            _options.MaxResultChars);
        // JSON escaping can make a character six; anything longer than that is not a well-behaved worker.
        var maxResponseChars = ((_options.MaxConsoleChars + _options.MaxResultChars + 1000) * 6) + 4096;

        var worker = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            var response = await worker.RunAsync(request, _options.Timeout + _options.KillGrace, maxResponseChars, cancellationToken).ConfigureAwait(false);
            // A script's own error leaves the worker clean (the engine is discarded); any limit might not have.
            reusable = response.Error is null or ToolErrorCode.ExecutionError;
            return ToResult(response);
        }
        finally
        {
            _pool.Return(worker, reusable);
        }
    }

    private static ToolResult ToResult(JsWorkerResponse response)
    {
        if (response.Error is { } error)
        {
            var console = response.Console.Trim();
            var message = console.Length == 0
                ? response.Message ?? "the script failed"
                : $"{response.Message}; console output before the error: {(console.Length > 500 ? console[..500] + "..." : console)}";
            return ToolResult.Fail(error, message);
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ContentWriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            writer.WriteRawValue(response.ResultJson ?? "null");
            if (response.Console.Length > 0)
            {
                writer.WriteString("console", response.Console);
            }

            if (response.ResultTruncated || response.ConsoleTruncated)
            {
                writer.WriteBoolean("truncated", true);
            }

            writer.WriteEndObject();
        }

        return ToolResult.Ok(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
