namespace AgentOS.Abstractions;

/// <summary>
/// Well-known capability names a tool can declare. A task grants capabilities; the tool host refuses a
/// call to a tool whose capabilities were not all granted. Path capabilities take a suffix:
/// <c>fs.read:/srv/docs</c>.
/// </summary>
public static class ToolCapabilities
{
    /// <summary>Outbound network access.</summary>
    public const string Network = "network";

    /// <summary>Read access to files; append <c>:PATH</c> to scope it.</summary>
    public const string FileRead = "fs.read";

    /// <summary>Write access to files; append <c>:PATH</c> to scope it.</summary>
    public const string FileWrite = "fs.write";

    /// <summary>Starting other processes.</summary>
    public const string Process = "process";
}
