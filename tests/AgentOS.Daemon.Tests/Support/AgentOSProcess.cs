using System.Diagnostics;
using System.Text;
using AgentOS.Daemon.Client;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>Runs the real <c>agentos</c> executable (built next to the tests) as a separate process.</summary>
public static class AgentOSProcess
{
    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "agentos.dll");

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(HelperProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return info;
    }

    /// <summary>Runs a CLI command to its end (at most <paramref name="timeout"/>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(null, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"agentos {string.Join(' ', args)} did not finish within {timeout}: {await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts <c>agentos daemon --socket SOCKET ARGS...</c> and returns it once it answers on the socket (at most 90 s;
    /// the test fails with the daemon's output otherwise). The caller kills it.
    /// </summary>
    public static async Task<Process> StartDaemonAsync(string socket, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var daemon = Process.Start(StartInfo(environment, ["daemon", "--socket", socket, .. args]))!;
        var log = new OutputLog(daemon);
        using var client = DaemonClient.ForSocket(socket);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await client.HealthAsync();
                return daemon;
            }
            catch (DaemonUnavailableException) when (DateTime.UtcNow < deadline && !daemon.HasExited)
            {
                await Task.Delay(200);
            }
            catch (DaemonUnavailableException)
            {
                daemon.Kill(entireProcessTree: true);
                Assert.Fail("The daemon did not start: " + log);
            }
        }
    }

    /// <summary>A running process's output, collected as it comes.</summary>
    public sealed class OutputLog
    {
        private readonly StringBuilder _text = new();

        public OutputLog(Process process)
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
