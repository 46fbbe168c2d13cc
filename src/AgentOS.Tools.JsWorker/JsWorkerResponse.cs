using AgentOS.Abstractions;

namespace AgentOS.Tools.JsWorker;

/// <summary>The outcome of one script, written by the worker as a single JSON line on its standard output.</summary>
/// <param name="Error">Null when the script completed; otherwise why it failed.</param>
/// <param name="Message">The error message for the model; null on success.</param>
/// <param name="ResultJson">The completion value of the script as JSON text (<c>null</c> for undefined); null on failure.</param>
/// <param name="ResultTruncated">True when the result's JSON was longer than allowed and was cut (it is then a JSON string).</param>
/// <param name="Console">Captured console output, possibly truncated.</param>
/// <param name="ConsoleTruncated">True when console output past the limit was dropped.</param>
internal sealed record JsWorkerResponse(
    ToolErrorCode? Error,
    string? Message,
    string? ResultJson,
    bool ResultTruncated,
    string Console,
    bool ConsoleTruncated)
{
    /// <summary>A failed script.</summary>
    public static JsWorkerResponse Failed(ToolErrorCode error, string message, string console, bool consoleTruncated) =>
        new(error, message, null, false, console, consoleTruncated);
}
