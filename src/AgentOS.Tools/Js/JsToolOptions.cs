namespace AgentOS.Tools.Js;

/// <summary>
/// Limits of the <c>js</c> tool. Jint enforces the script limits cooperatively (between statements and inside
/// some built-ins); the worker limits are enforced by the operating system on the worker process, and the
/// host kills a worker that has not answered by <see cref="Timeout"/> + <see cref="KillGrace"/>.
/// </summary>
public sealed class JsToolOptions
{
    /// <summary>Wall-clock time a script may run. Default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past <see cref="Timeout"/> the host waits for the worker's own answer before it kills the
    /// worker. Default 500 ms.
    /// </summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Bytes a script may allocate in total (Jint's allocation budget: every allocation counts, even ones
    /// already freed). Default 256 MiB.
    /// </summary>
    public long MemoryLimitBytes { get; set; } = 256L << 20;

    /// <summary>Statements a script may execute. Default 10 million.</summary>
    public int MaxStatements { get; set; } = 10_000_000;

    /// <summary>Depth of nested JavaScript calls. Default 500.</summary>
    public int MaxRecursionDepth { get; set; } = 500;

    /// <summary>Largest array length a script may create. Default 10 million.</summary>
    public uint MaxArraySize { get; set; } = 10_000_000;

    /// <summary>Time one regular-expression match may take. Default 1 second.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Characters of console output kept; the rest is dropped and flagged. Default 4000.</summary>
    public int MaxConsoleChars { get; set; } = 4000;

    /// <summary>Characters of the result's JSON kept; a longer result is cut and flagged. Default 4000.</summary>
    public int MaxResultChars { get; set; } = 4000;

    /// <summary>
    /// Address space of a worker process (RLIMIT_AS). Default 2 GiB: the .NET runtime reserves about 1.3 GiB
    /// of address space at start with the default heap limit; the rest is headroom.
    /// </summary>
    public long WorkerAddressSpaceBytes { get; set; } = 2L << 30;

    /// <summary>Live managed heap of a worker process (the GC's hard limit). Default 384 MiB.</summary>
    public long WorkerHeapLimitBytes { get; set; } = 384L << 20;

    /// <summary>Warm workers kept idle between calls. Default 2.</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>Scripts that run at the same time; further calls wait for a worker. Default 4.</summary>
    public int MaxConcurrentScripts { get; set; } = 4;

    /// <summary>Scripts one worker runs before it is replaced by a fresh one. Default 100.</summary>
    public int MaxScriptsPerWorker { get; set; } = 100;

    /// <summary>How long a worker may take to start and warm up. Default 30 seconds.</summary>
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Path of AgentOS.Tools.JsWorker.dll; when null it is looked for next to AgentOS.Tools.dll and in the
    /// application's base directory.
    /// </summary>
    public string? WorkerPath { get; set; }

    /// <summary>Throws when a limit is out of range.</summary>
    public void Validate()
    {
        Positive(Timeout, nameof(Timeout));
        Positive(RegexTimeout, nameof(RegexTimeout));
        Positive(WorkerStartTimeout, nameof(WorkerStartTimeout));
        if (KillGrace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(KillGrace), KillGrace, "KillGrace must not be negative.");
        }

        if (Timeout > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Timeout must be at most one hour.");
        }

        Positive(MemoryLimitBytes, nameof(MemoryLimitBytes));
        Positive(MaxStatements, nameof(MaxStatements));
        Positive(MaxRecursionDepth, nameof(MaxRecursionDepth));
        Positive(MaxArraySize, nameof(MaxArraySize));
        Positive(MaxConsoleChars, nameof(MaxConsoleChars));
        Positive(MaxResultChars, nameof(MaxResultChars));
        Positive(WorkerAddressSpaceBytes, nameof(WorkerAddressSpaceBytes));
        Positive(WorkerHeapLimitBytes, nameof(WorkerHeapLimitBytes));
        Positive(MaxConcurrentScripts, nameof(MaxConcurrentScripts));
        Positive(MaxScriptsPerWorker, nameof(MaxScriptsPerWorker));
        if (PoolSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PoolSize), PoolSize, "PoolSize must not be negative.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }
}
