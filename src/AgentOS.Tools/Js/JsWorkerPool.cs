namespace AgentOS.Tools.Js;

/// <summary>
/// Keeps up to <see cref="JsToolOptions.PoolSize"/> warm workers so a call does not pay for starting a .NET
/// process, and at most <see cref="JsToolOptions.MaxConcurrentScripts"/> scripts running. A worker that hit a
/// limit or timed out is killed and a fresh one started in the background. A worker that has run
/// <see cref="JsToolOptions.MaxScriptsPerWorker"/> scripts keeps serving until its replacement is warm, then
/// retires, so no call waits for a start.
/// </summary>
internal sealed class JsWorkerPool : IDisposable
{
    private readonly JsToolOptions _options;
    private readonly JsWorkerLauncher _launcher;
    private readonly Stack<JsWorkerProcess> _idle = new();
    private readonly SemaphoreSlim _slots;

    // Released whenever a warm worker joins the idle stack, so a call can wait for a worker that is already
    // starting (a replacement) instead of starting a second one.
    private readonly SemaphoreSlim _workerJoined = new(0);
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

    /// <summary>Starts workers until <see cref="JsToolOptions.PoolSize"/> are idle or starting.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken)
    {
        int missing;
        lock (_idle)
        {
            missing = Math.Max(_options.PoolSize - _idle.Count - _starting, 0);
            _starting += missing;
        }

        return Task.WhenAll(Enumerable.Range(0, missing).Select(_ => StartIdleAsync(cancellationToken)));
    }

    /// <summary>Waits for a free slot and returns a warm worker (starting one when none is idle or starting).</summary>
    public async Task<JsWorkerProcess> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (TryPopIdle(out var idle))
                {
                    if (!idle.HasExited)
                    {
                        return idle;
                    }

                    idle.Dispose();
                    continue;
                }

                if (Volatile.Read(ref _starting) == 0)
                {
                    break;
                }

                // A worker is starting: wait for it, re-checking often, since another call may take it first.
                await _workerJoined.WaitAsync(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
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
        var healthy = reusable && !_disposed && !worker.HasExited;
        var kept = false;
        var startReplacement = false;
        lock (_idle)
        {
            var worn = worker.Runs >= _options.MaxScriptsPerWorker;
            // A worn worker is kept while it is the only warm one, even if its replacement fills the pool's count.
            if (healthy && (_idle.Count + _starting < _options.PoolSize || (worn && _idle.Count == 0)))
            {
                _idle.Push(worker);
                kept = true;
                if (worn && _starting == 0)
                {
                    _starting++;
                    startReplacement = true;
                }
            }
        }

        if (kept)
        {
            _workerJoined.Release();
        }
        else
        {
            worker.Dispose();
        }

        if (_disposed)
        {
            return;
        }

        if (startReplacement)
        {
            _ = StartIdleAsync(_disposing.Token);
        }
        else if (!healthy)
        {
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

        // _disposing, _slots and _workerJoined are left to the GC: a start or a Return still in flight may touch them.
    }

    private bool TryPopIdle(out JsWorkerProcess worker)
    {
        lock (_idle)
        {
            return _idle.TryPop(out worker!);
        }
    }

    // Starts one worker counted in _starting; it joins the idle stack, where it retires any worn-out worker.
    private async Task StartIdleAsync(CancellationToken cancellationToken)
    {
        JsWorkerProcess? worker = null;
        try
        {
            worker = await JsWorkerProcess.StartAsync(_launcher, _options.WorkerStartTimeout, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A background start must never fault: the next call starts its own worker and reports.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var retired = new List<JsWorkerProcess>();
        lock (_idle)
        {
            _starting--;
            if (worker is not null && !_disposed)
            {
                var fresh = _idle.Where(w => w.Runs < _options.MaxScriptsPerWorker).Reverse().ToList();
                retired.AddRange(_idle.Where(w => w.Runs >= _options.MaxScriptsPerWorker));
                _idle.Clear();
                fresh.ForEach(_idle.Push);
                _idle.Push(worker);
                worker = null;
            }
        }

        // Wakes a waiting call either way: with a worker to take, or to find none starting and start its own.
        _workerJoined.Release();
        worker?.Dispose();
        retired.ForEach(w => w.Dispose());
    }
}
