using AgentOS.Abstractions;

namespace AgentOS.Tools.Js;

/// <summary>
/// Keeps up to <see cref="JsToolOptions.PoolSize"/> warm workers so a call does not pay for starting a .NET
/// process, and at most <see cref="JsToolOptions.MaxConcurrentScripts"/> scripts running. A worker that hit a
/// limit, timed out or ran <see cref="JsToolOptions.MaxScriptsPerWorker"/> scripts is killed, and a fresh one is
/// started in the background so the next call stays fast.
/// </summary>
internal sealed class JsWorkerPool : IDisposable
{
    private readonly JsToolOptions _options;
    private readonly JsWorkerLauncher _launcher;
    private readonly Stack<JsWorkerProcess> _idle = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _disposing = new();
    private int _starting;
    private bool _disposed;

    public JsWorkerPool(JsToolOptions options)
    {
        _options = options;
        _launcher = new JsWorkerLauncher(options);
        _slots = new SemaphoreSlim(options.MaxConcurrentScripts, options.MaxConcurrentScripts);
    }

    /// <summary>Idle warm workers (for tests and diagnostics).</summary>
    public int IdleCount
    {
        get
        {
            lock (_idle)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>Starts workers until <see cref="JsToolOptions.PoolSize"/> are idle.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        int missing;
        lock (_idle)
        {
            missing = _options.PoolSize - _idle.Count - _starting;
            _starting += Math.Max(missing, 0);
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(missing, 0)).Select(_ => StartIdleAsync(cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Waits for a free slot and returns a warm worker (starting one when none is idle).</summary>
    public async Task<JsWorkerProcess> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (TryPopIdle(out var idle))
            {
                if (!idle.HasExited)
                {
                    return idle;
                }

                idle.Dispose();
            }

            return await JsWorkerProcess.StartAsync(_launcher, _options.WorkerStartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a worker back: kept warm when <paramref name="reusable"/> and there is room, killed otherwise.</summary>
    public void Return(JsWorkerProcess worker, bool reusable)
    {
        _slots.Release();
        reusable &= !_disposed && !worker.HasExited && worker.Runs < _options.MaxScriptsPerWorker;
        lock (_idle)
        {
            if (reusable && _idle.Count + _starting < _options.PoolSize)
            {
                _idle.Push(worker);
                return;
            }
        }

        worker.Dispose();
        if (!reusable && !_disposed)
        {
            // Replace it now, off the caller's path.
            _ = WarmUpAsync(_disposing.Token);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _disposing.Cancel();
        lock (_idle)
        {
            while (_idle.TryPop(out var worker))
            {
                worker.Dispose();
            }
        }

        // _disposing and _slots are left to the GC: a warm-up or a Return still in flight may touch them.
    }

    private bool TryPopIdle(out JsWorkerProcess worker)
    {
        lock (_idle)
        {
            return _idle.TryPop(out worker!);
        }
    }

    private async Task StartIdleAsync(CancellationToken cancellationToken)
    {
        JsWorkerProcess? worker = null;
        try
        {
            worker = await JsWorkerProcess.StartAsync(_launcher, _options.WorkerStartTimeout, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A background warm-up must never fault: the next call starts its own worker and reports.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        lock (_idle)
        {
            _starting--;
            if (worker is not null && !_disposed)
            {
                _idle.Push(worker);
                return;
            }
        }

        worker?.Dispose();
    }
}
