using AgentOS.Daemon.Tests.Support;

namespace AgentOS.Daemon.Tests;

/// <summary>
/// The test assembly is also the helper process some tests start, so those tests need no extra
/// project: <c>dotnet AgentOS.Daemon.Tests.dll ROLE ARGS…</c>. The test runner never calls this.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["crash-writer", var path] => CrashWriter.Run(path),
        ["mcp-server", ..] => await FixtureMcpServer.RunAsync(args[1..]),
        ["bench-scheduler", ..] => await SchedulerBenchmark.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: AgentOS.Daemon.Tests crash-writer DB | mcp-server [--die-at-start] | bench-scheduler [MODEL] [TOKENS] [THREADS]");
        return 2;
    }
}
