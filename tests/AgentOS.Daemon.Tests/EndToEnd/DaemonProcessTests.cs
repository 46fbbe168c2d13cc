using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Client;
using AgentOS.Daemon.Runs;
using AgentOS.Daemon.Tests.Support;
using AgentOS.Testing;

namespace AgentOS.Daemon.Tests.EndToEnd;

/// <summary>
/// The daemon as a user runs it: the real <c>agentos</c> process on a real model (the generated test
/// GGUF through real llama.cpp), driven by the real CLI, killed with SIGKILL and started again.
/// </summary>
public sealed class DaemonProcessTests : IDisposable
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] FinalStates = ["completed", "failed", "cancelled", "interrupted"];
    private readonly TempDirectory _dir = new();
    private readonly List<Process> _daemons = [];

    private string Socket => _dir.Combine("run", "d.sock");

    public void Dispose()
    {
        foreach (var daemon in _daemons.Where(d => !d.HasExited))
        {
            daemon.Kill(entireProcessTree: true);
            daemon.WaitForExit();
        }

        foreach (var daemon in _daemons)
        {
            daemon.Dispose();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Cli_NoDaemon_PrintsOneClearLineAndFails()
    {
        var (exitCode, output, error) = await AgentOSProcess.RunAsync(CliTimeout, "list", "--socket", _dir.Combine("nobody.sock"));

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"agentos: No AgentOS daemon is running at {_dir.Combine("nobody.sock")}. Start one with: agentos daemon", error.Trim());
    }

    [Fact]
    public async Task Daemon_SubmitWatchCancelKillRestart_EveryTaskIsStillListedAndEnds()
    {
        var first = await StartDaemonAsync();
        using var client = DaemonClient.ForSocket(Socket);

        // Submit four at once, from separate CLI processes, then one with the lowest priority to cancel while
        // it waits behind them. The test model ends some runs within milliseconds, so the queue can drain
        // before the cancel arrives; then the task has ended and another is submitted (every one stays listed).
        var submits = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            AgentOSProcess.RunAsync(CliTimeout, "submit", $"Task number {i}: count to ten.", "--socket", Socket, "--max-tokens", "3000")));
        Assert.All(submits, s => Assert.Equal(0, s.ExitCode));
        var ids = submits.Select(s => long.Parse(s.Output.Trim(), CultureInfo.InvariantCulture)).ToList();

        long? cancelled = null;
        for (var attempt = 1; attempt <= 10 && cancelled is null; attempt++)
        {
            var submit = await AgentOSProcess.RunAsync(CliTimeout, "submit", $"Low-priority task {attempt}: count to ten.", "--socket", Socket, "--priority", "-100");
            Assert.Equal(0, submit.ExitCode);
            var id = long.Parse(submit.Output.Trim(), CultureInfo.InvariantCulture);
            ids.Add(id);
            var (cancelExit, cancelOutput, cancelError) = await AgentOSProcess.RunAsync(CliTimeout, "cancel", id.ToString(CultureInfo.InvariantCulture), "--socket", Socket);
            if (cancelExit == 0 && cancelOutput.Contains($"Task {id}: cancelled", StringComparison.Ordinal))
            {
                cancelled = id;
            }
            else
            {
                // It ended first: before the request ("has already ended"), or while the cancel was on its way
                // (the CLI prints the state the task ended in).
                Assert.True(
                    cancelError.Contains($"Task {id} has already ended", StringComparison.Ordinal) || cancelOutput.Contains($"Task {id}: ", StringComparison.Ordinal),
                    $"cancel of task {id}: exit {cancelExit}, output '{cancelOutput}', error '{cancelError}'");
            }
        }

        Assert.True(cancelled is not null, "every low-priority task ended before it could be cancelled");

        // Watch the first one live until it ends.
        var (watchExit, watchOutput, _) = await AgentOSProcess.RunAsync(TimeSpan.FromSeconds(120), "watch", ids[0].ToString(CultureInfo.InvariantCulture), "--socket", Socket);
        Assert.Contains("[running]", watchOutput, StringComparison.Ordinal);
        Assert.Matches(@"\[(completed|failed)\]", watchOutput);
        Assert.True(watchExit is 0 or 1, watchOutput);

        // A second wave, so that tasks are sure to be running when the daemon is killed without warning.
        foreach (var i in Enumerable.Range(1, 3))
        {
            ids.Add((await client.SubmitAsync(new SubmitTaskRequest { Text = $"Second wave {i}: list three colours." })).Id);
        }

        var running = await WaitForRunningAsync(client);
        first.Kill();
        await first.WaitForExitAsync();

        // Start it again: every task is listed; the ones that were running are interrupted; the rest run to their end.
        await StartDaemonAsync();
        var final = await WaitForAllFinalAsync(client, ids);
        Assert.Equal(ids.Order(), final.Keys.Order());
        foreach (var id in running)
        {
            Assert.Equal("interrupted", final[id].State);
            Assert.Equal(TaskDispatcher.CrashedReason, final[id].Reason);
        }

        Assert.Equal("cancelled", final[cancelled.Value].State);
        Assert.All(final.Values, t => Assert.Contains(t.State, FinalStates));

        // The CLI sees the same.
        var (listExit, listOutput, _) = await AgentOSProcess.RunAsync(CliTimeout, "list", "--json", "--socket", Socket);
        Assert.Equal(0, listExit);
        var listed = JsonSerializer.Deserialize<List<TaskView>>(listOutput, DaemonJson.Options)!;
        Assert.Equal(ids.Order(), listed.Select(t => t.Id).Order());
    }

    private async Task<Process> StartDaemonAsync()
    {
        var environment = new Dictionary<string, string>
        {
            // Small budgets and one decode thread keep the test short on a busy two-core machine.
            // The random-weight test model rarely ends a turn by itself: each run generates up to this budget.
            ["AGENTOS_MAXTOKENS"] = "600",
            ["AGENTOS_MAXSTEPS"] = "1",
            ["AGENTOS_THREADS"] = "1",
        };
        var daemon = await AgentOSProcess.StartDaemonAsync(Socket, environment,
            "--data", _dir.Combine("data"), "--model", TestModels.TinyLlamaPath, "--concurrency", "2", "--context-size", "4096");
        _daemons.Add(daemon);
        return daemon;
    }

    private static async Task<IReadOnlyList<long>> WaitForRunningAsync(DaemonClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var health = await client.HealthAsync();
            if (health.Running.Count > 0)
            {
                return health.Running;
            }

            await Task.Delay(20);
        }

        Assert.Fail("No task was running to kill the daemon under.");
        return [];
    }

    private static async Task<Dictionary<long, TaskView>> WaitForAllFinalAsync(DaemonClient client, IReadOnlyList<long> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var tasks = (await client.ListAsync()).ToDictionary(t => t.Id);
            if (ids.All(id => tasks.TryGetValue(id, out var t) && t.State is not ("queued" or "running")) || DateTime.UtcNow > deadline)
            {
                return tasks;
            }

            await Task.Delay(200);
        }
    }
}
