using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentOS.Abstractions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using JintJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace AgentOS.Tools.JsWorker;

/// <summary>
/// Runs one script in a fresh Jint engine with every limit Jint offers. These limits are cooperative
/// (checked between statements and inside some built-ins), so the process this runs in is capped and
/// watched by the host as well; this class turns every way a script can fail into a response.
/// </summary>
internal static class ScriptRunner
{
    /// <summary>Runs <paramref name="request"/> and describes the outcome; never throws.</summary>
    public static JsWorkerResponse Run(JsWorkerRequest request)
    {
        var console = new ConsoleCapture(request.MaxConsoleChars);
        try
        {
            // A fresh engine per script: nothing one script defines can be seen by the next.
            using var engine = CreateEngine(request, console);
            var value = engine.Evaluate(request.Code);
            var (json, truncated) = ToJson(engine, value, request.MaxResultChars);
            return new JsWorkerResponse(null, null, json, truncated, console.Text, console.Truncated);
        }
        catch (Exception exception)
        {
            var (code, message) = Describe(exception, request);
            return JsWorkerResponse.Failed(code, message, console.Text, console.Truncated);
        }
    }

    /// <summary>Runs a small script once so the first real call does not pay for compiling Jint's common paths.</summary>
    public static void WarmUp()
    {
        var request = new JsWorkerRequest(
            "const xs = [3, 1, 2].map(x => x * 2).sort(); console.log(`${xs.length}`, {a: /b+/.test('abb')}); " +
            "JSON.parse(JSON.stringify({xs, s: 'x'.repeat(3), m: Math.max(...xs)}))",
            TimeoutMilliseconds: 5000, MemoryLimitBytes: 16 << 20, MaxStatements: 10_000, MaxRecursionDepth: 64,
            MaxArraySize: 1000, RegexTimeoutMilliseconds: 1000, MaxConsoleChars: 1000, MaxResultChars: 1000);
        Run(request);
    }

    private static Engine CreateEngine(JsWorkerRequest request, ConsoleCapture console)
    {
        var engine = new Engine(options =>
        {
            options.Strict();
            // No eval, no new Function(string): a script can only run the code it was given.
            options.DisableStringCompilation();
            options.Interop.Enabled = false;
            options.LimitMemory(request.MemoryLimitBytes);
            options.TimeoutInterval(TimeSpan.FromMilliseconds(request.TimeoutMilliseconds));
            options.MaxStatements(request.MaxStatements);
            options.LimitRecursion(request.MaxRecursionDepth);
            // A deep recursion limit may still be deeper than the native stack: probe it and fail the
            // script cleanly instead of crashing the worker with a stack overflow.
            options.Constraints.StackOverflowGuard = true;
            options.Constraints.MaxArraySize = request.MaxArraySize;
            options.Constraints.RegexTimeout = TimeSpan.FromMilliseconds(request.RegexTimeoutMilliseconds);
            options.Constraints.PromiseTimeout = TimeSpan.FromMilliseconds(request.TimeoutMilliseconds);
            // Same answer on every machine: no local culture or time zone leaks into results.
            options.Culture = CultureInfo.InvariantCulture;
            options.TimeZone = TimeZoneInfo.Utc;
        });

        var consoleObject = new JsObject(engine);
        var log = new ClrFunction(engine, "log", (_, arguments) =>
        {
            console.WriteLine(engine, arguments);
            return JsValue.Undefined;
        });
        foreach (var name in new[] { "log", "info", "warn", "error", "debug" })
        {
            consoleObject.Set(name, log);
        }

        engine.SetValue("console", consoleObject);
        return engine;
    }

    private static (string Json, bool Truncated) ToJson(Engine engine, JsValue value, int maxChars)
    {
        string json;
        if (value is JsBigInt)
        {
            // JSON has no BigInt; its exact decimal digits as a string lose nothing.
            json = JsonSerializer.Serialize(TypeConverter.ToString(value));
        }
        else
        {
            try
            {
                var serialized = new JintJsonSerializer(engine).Serialize(value);
                json = serialized.IsUndefined() ? "null" : serialized.AsString();
            }
            catch (JavaScriptException exception)
            {
                throw new ResultNotJsonException(exception.Message);
            }
        }

        if (json.Length <= maxChars)
        {
            return (json, false);
        }

        return (JsonSerializer.Serialize(json[..maxChars]), true);
    }

    private static (ToolErrorCode Code, string Message) Describe(Exception exception, JsWorkerRequest request) => exception switch
    {
        ResultNotJsonException notJson => (ToolErrorCode.ExecutionError,
            $"the script's last value cannot be written as JSON ({notJson.Message}); end the script with plain data: numbers, strings, arrays, objects"),
        JavaScriptException js => (ToolErrorCode.ExecutionError, DescribeScriptError(js)),
        MemoryLimitExceededException => (ToolErrorCode.LimitExceeded,
            $"the script allocated more than its memory limit of {request.MemoryLimitBytes / (1024 * 1024)} MB"),
        StatementsCountOverflowException => (ToolErrorCode.LimitExceeded,
            $"the script executed more than its limit of {request.MaxStatements} statements (an endless loop?)"),
        RecursionDepthOverflowException => (ToolErrorCode.LimitExceeded,
            $"the script nested calls deeper than its limit of {request.MaxRecursionDepth} (endless recursion?)"),
        InsufficientExecutionStackException => (ToolErrorCode.LimitExceeded, "the script nested too deeply for the stack (endless recursion?)"),
        RegexMatchTimeoutException => (ToolErrorCode.Timeout,
            $"a regular expression ran longer than its limit of {request.RegexTimeoutMilliseconds} ms (catastrophic backtracking?)"),
        TimeoutException => (ToolErrorCode.Timeout, $"the script ran longer than its time limit of {request.TimeoutMilliseconds} ms"),
        OutOfMemoryException => (ToolErrorCode.LimitExceeded, "the script ran out of memory"),
        ExecutionCanceledException => (ToolErrorCode.Cancelled, "the script was cancelled"),
        // Jint reports a dynamic import() this way when no module loader is configured, and none ever is.
        InvalidOperationException when exception.Message.Contains("Module loading", StringComparison.Ordinal) =>
            (ToolErrorCode.ExecutionError, "modules are not available: a script cannot import anything"),
        _ => (ToolErrorCode.ExecutionError, $"the script failed: {exception.GetType().Name}: {exception.Message}"),
    };

    // "TypeError: x is not a function (line 3, column 5)"; a thrown non-Error value: "uncaught 5 (line 1, column 1)".
    private static string DescribeScriptError(JavaScriptException exception)
    {
        var location = exception.Location;
        var where = location.Start.Line > 0 ? $" (line {location.Start.Line}, column {location.Start.Column + 1})" : "";
        if (exception.Error is not ObjectInstance error)
        {
            return $"uncaught {TypeConverter.ToString(exception.Error)}{where}";
        }

        var name = error.Get("name") is JsString errorName ? errorName.ToString() : "Error";
        var message = error.Get("message") is JsString errorMessage ? errorMessage.ToString() : exception.Message;
        // Parse errors carry their own "(<anonymous>:1:3)"; the location is given once, below.
        var ownLocation = message.LastIndexOf(" (<anonymous>:", StringComparison.Ordinal);
        if (ownLocation >= 0)
        {
            message = message[..ownLocation];
        }

        return $"{name}: {message}{where}";
    }

    /// <summary>The script's completion value has no JSON form (a cycle, for instance).</summary>
    private sealed class ResultNotJsonException(string message) : Exception(message);

    /// <summary>console.log output, kept up to a limit; the rest is counted as truncated and dropped.</summary>
    private sealed class ConsoleCapture(int maxChars)
    {
        private readonly StringBuilder _text = new();

        public string Text => _text.ToString();

        public bool Truncated { get; private set; }

        public void WriteLine(Engine engine, JsValue[] arguments)
        {
            if (Truncated)
            {
                return;
            }

            var line = new StringBuilder();
            for (var i = 0; i < arguments.Length && line.Length <= maxChars; i++)
            {
                if (i > 0)
                {
                    line.Append(' ');
                }

                line.Append(Format(engine, arguments[i]));
            }

            line.Append('\n');
            var room = maxChars - _text.Length;
            if (line.Length > room)
            {
                _text.Append(line, 0, Math.Max(room, 0));
                Truncated = true;
                return;
            }

            _text.Append(line);
        }

        private static string Format(Engine engine, JsValue value)
        {
            if (value.IsString() || !value.IsObject())
            {
                return TypeConverter.ToString(value);
            }

            try
            {
                var json = new JintJsonSerializer(engine).Serialize(value);
                return json.IsUndefined() ? TypeConverter.ToString(value) : json.AsString();
            }
            catch (JavaScriptException)
            {
                return TypeConverter.ToString(value);
            }
        }
    }
}
