namespace AgentOS.Tools.JsWorker;

/// <summary>
/// One script to run, sent by the tool host as a single JSON line on the worker's standard input.
/// The limits travel with every request so that a pooled worker serves any configuration.
/// </summary>
/// <param name="Code">The script's source text.</param>
/// <param name="TimeoutMilliseconds">Jint's cooperative wall-clock limit for the script.</param>
/// <param name="MemoryLimitBytes">Jint's cooperative limit on bytes the script allocates.</param>
/// <param name="MaxStatements">Statements the script may execute.</param>
/// <param name="MaxRecursionDepth">Depth of nested JavaScript calls.</param>
/// <param name="MaxArraySize">Largest array length the script may create.</param>
/// <param name="RegexTimeoutMilliseconds">Time one regular-expression match may take.</param>
/// <param name="MaxConsoleChars">Characters of console output kept; the rest is dropped and reported as truncated.</param>
/// <param name="MaxResultChars">Characters of the result's JSON kept; a longer result is reported as truncated.</param>
internal sealed record JsWorkerRequest(
    string Code,
    int TimeoutMilliseconds,
    long MemoryLimitBytes,
    int MaxStatements,
    int MaxRecursionDepth,
    uint MaxArraySize,
    int RegexTimeoutMilliseconds,
    int MaxConsoleChars,
    int MaxResultChars);
