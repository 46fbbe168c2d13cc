using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOS.Native.Interop;

/// <summary>Forwards llama.cpp's and ggml's log callback into <see cref="ILogger"/>.</summary>
internal static unsafe partial class NativeLogBridge
{
    /// <summary>The category native lines are logged under.</summary>
    internal const string Category = "AgentOS.Native.LlamaCpp";

    // ggml_log_level: 0 none, 1 debug, 2 info, 3 warn, 4 error, 5 cont (continues the previous line).
    private const int LevelContinuation = 5;

    private static volatile ILogger s_logger = NullLogger.Instance;

    // llama.cpp emits a line in several calls (CONT fragments); each thread assembles its own line.
    [ThreadStatic] private static StringBuilder? t_line;
    [ThreadStatic] private static LogLevel t_lineLevel;
    [ThreadStatic] private static StringBuilder? t_errorLine;
    [ThreadStatic] private static string? t_lastError;

    /// <summary>
    /// The last complete ERROR line llama.cpp logged on this thread (logged or not), so a failed native
    /// call can say why in its exception; reading it clears it.
    /// </summary>
    internal static string? TakeLastError()
    {
        var error = t_lastError;
        t_lastError = null;
        return error;
    }

    internal static void SetLogger(ILogger logger) => s_logger = logger;

    internal static delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> Callback => &OnLog;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, IntPtr userData)
    {
        // An exception must never unwind into native code: it would tear the process down.
        try
        {
            if (level != LevelContinuation)
            {
                t_lineLevel = Map(level);
            }

            if (t_lineLevel == LogLevel.Error && text != null)
            {
                RememberError(text);
            }

            var logger = s_logger;
            if (!logger.IsEnabled(t_lineLevel) || text == null)
            {
                t_line?.Clear();
                return;
            }

            var line = t_line ??= new StringBuilder();
            line.Append(Marshal.PtrToStringUTF8((IntPtr)text));
            if (line.Length > 0 && line[^1] == '\n')
            {
                var message = line.ToString().TrimEnd('\n', '\r');
                line.Clear();
                if (message.Length > 0)
                {
                    LogNativeLine(logger, t_lineLevel, message);
                }
            }
        }
        catch (Exception)
        {
            // Logging is best effort.
        }
    }

    private static void RememberError(byte* text)
    {
        var line = t_errorLine ??= new StringBuilder();
        line.Append(Marshal.PtrToStringUTF8((IntPtr)text));
        if (line.Length > 0 && line[^1] == '\n')
        {
            var message = line.ToString().Trim();
            line.Clear();
            if (message.Length > 0)
            {
                t_lastError = message;
            }
        }
    }

    // llama.cpp's INFO level is loader chatter (hundreds of lines per model): it maps to Debug.
    private static LogLevel Map(int level) => level switch
    {
        1 => LogLevel.Trace,
        2 => LogLevel.Debug,
        3 => LogLevel.Warning,
        4 => LogLevel.Error,
        _ => LogLevel.Information,
    };

    [LoggerMessage(EventId = 1, Message = "{NativeLine}")]
    private static partial void LogNativeLine(ILogger logger, LogLevel level, string nativeLine);
}
