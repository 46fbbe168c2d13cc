using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.JsWorker;

namespace AgentOS.Tools.Js;

/// <summary>
/// One running worker process and the line protocol to it. A run that does not answer in time is ended by
/// killing the process; a process that dies (SIGXCPU, out of memory, a crash) is reported as a limit hit.
/// Either way the process is not used again.
/// </summary>
internal sealed class JsWorkerProcess : IDisposable
{
    // The first lines of a dying runtime say why ("Stack overflow.", "Out of memory."); the thousands of
    // frames after them do not, so the head is kept, not the tail.
    private const int StderrHeadChars = 2000;

    private readonly Process _process;
    private readonly StringBuilder _stderrHead = new();
    private readonly char[] _buffer = new char[8192];
    private int _bufferStart;
    private int _bufferEnd;

    private JsWorkerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Scripts this worker has been given.</summary>
    public int Runs { get; private set; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts a worker and waits until it has warmed up.</summary>
    public static async Task<JsWorkerProcess> StartAsync(JsWorkerLauncher launcher, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var start = launcher.CreateStartInfo();
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new ToolException(ToolErrorCode.InternalError, $"the JavaScript worker could not be started: {exception.Message}");
        }

        var worker = new JsWorkerProcess(process);
        process.ErrorDataReceived += (_, e) => worker.KeepStderr(e.Data);
        process.BeginErrorReadLine();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(startTimeout);
            string? ready;
            using (deadline.Token.Register(worker.Kill))
            {
                ready = await worker.ReadLineAsync(JsWorkerProtocol.ReadyLine.Length * 4).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (ready != JsWorkerProtocol.ReadyLine)
            {
                throw new ToolException(ToolErrorCode.InternalError,
                    $"the JavaScript worker did not start{(deadline.IsCancellationRequested ? $" within {startTimeout.TotalSeconds:0} s" : "")}: {worker.StderrSummary()}");
            }

            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one script. Returns the worker's response, or a synthesized one when the worker was killed at the
    /// deadline or died; throws <see cref="OperationCanceledException"/> when cancelled (the worker is killed).
    /// </summary>
    public async Task<JsWorkerResponse> RunAsync(JsWorkerRequest request, TimeSpan deadline, int maxResponseChars, CancellationToken cancellationToken)
    {
        Runs++;
        // The OS backstop for CPU: this script's wall-clock budget (rounded up) on top of what the worker has
        // used so far, plus a second. The wall-clock kill below normally comes first.
        var used = _process.TotalProcessorTime + deadline;
        ProcessLimits.SetCpuSeconds(_process.Id, (ulong)Math.Ceiling(used.TotalSeconds) + 1);

        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, JsWorkerProtocol.Json).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return Died();
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(deadline);
        string? line;
        using (timer.Token.Register(Kill))
        {
            line = await ReadLineAsync(maxResponseChars).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (line is null)
        {
            return timer.IsCancellationRequested
                ? JsWorkerResponse.Failed(ToolErrorCode.Timeout,
                    $"the script ran past its time limit of {request.TimeoutMilliseconds} ms and was stopped", "", false)
                : Died();
        }

        return JsonSerializer.Deserialize<JsWorkerResponse>(line, JsWorkerProtocol.Json)
            ?? throw new ToolException(ToolErrorCode.InternalError, "the JavaScript worker sent an empty response");
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    // Why a worker died on its own, in the model's words. The exit status of a process ended by a signal is
    // 128 + the signal number.
    private JsWorkerResponse Died()
    {
        _process.WaitForExit(TimeSpan.FromSeconds(5));
        var exitCode = HasExited ? _process.ExitCode : -1;
        var message = exitCode switch
        {
            128 + 24 => "the script used more CPU time than its limit and its process was stopped",
            _ => $"the script's process died (exit status {exitCode}), most likely out of memory or stack; {StderrSummary()}",
        };
        return JsWorkerResponse.Failed(ToolErrorCode.LimitExceeded, message, "", false);
    }

    // Reads one line without ever holding more than maxChars of it: a misbehaving worker cannot flood the host.
    private async Task<string?> ReadLineAsync(int maxChars)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_bufferStart == _bufferEnd)
            {
                _bufferStart = 0;
                try
                {
                    _bufferEnd = await _process.StandardOutput.ReadAsync(_buffer.AsMemory()).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    _bufferEnd = 0;
                }

                if (_bufferEnd == 0)
                {
                    return null;
                }
            }

            var newline = Array.IndexOf(_buffer, '\n', _bufferStart, _bufferEnd - _bufferStart);
            var end = newline < 0 ? _bufferEnd : newline;
            line.Append(_buffer, _bufferStart, end - _bufferStart);
            _bufferStart = newline < 0 ? _bufferEnd : newline + 1;
            if (line.Length > maxChars)
            {
                Kill();
                throw new ToolException(ToolErrorCode.InternalError, $"the JavaScript worker sent a response longer than {maxChars} characters");
            }

            if (newline >= 0)
            {
                return line.ToString();
            }
        }
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrHead)
        {
            if (_stderrHead.Length < StderrHeadChars)
            {
                _stderrHead.Append(line.AsSpan(0, Math.Min(line.Length, StderrHeadChars))).Append(' ');
            }
        }
    }

    private string StderrSummary()
    {
        lock (_stderrHead)
        {
            var text = _stderrHead.ToString().Trim();
            return text.Length == 0 ? "it printed nothing" : $"it printed: {(text.Length > 300 ? text[..300] + "..." : text)}";
        }
    }
}
