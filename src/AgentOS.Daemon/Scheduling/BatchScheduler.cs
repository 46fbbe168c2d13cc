using System.Collections.Concurrent;
using System.Diagnostics;
using AgentOS.Inference;
using AgentOS.Kernel.Engine;
using AgentOS.Kernel.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOS.Daemon.Scheduling;

/// <summary>
/// Many runs on one model: an <see cref="IAgentModel"/> whose sequences all live in one llama.cpp
/// context with <see cref="MaxSequences"/> KV sequences. One thread owns the context (a context is
/// single-threaded) and works in cycles: it takes every request posted since the last cycle, samples
/// for the sequences that asked (their logits are fresh from the previous decode), then appends the
/// tokens of every sequence that asked in ONE <c>llama_decode</c> — continuous batching: a run joins
/// or leaves the batch at any cycle, and a run busy in a tool simply posts nothing, so it never
/// holds the others up. Runs beyond <see cref="MaxSequences"/> wait in <see cref="OpenSequenceAsync"/>
/// until a sequence is free.
/// </summary>
public sealed partial class BatchScheduler : IAgentModel, IDisposable
{
    /// <summary>
    /// How long a cycle waits for sequences served in the previous cycle to post their next request.
    /// A generating run posts its next token within microseconds; waiting a little lets it join the
    /// same decode instead of trailing one cycle behind. A run that went off to a tool is not waited
    /// for beyond this.
    /// </summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(2);

    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaAgentVocabulary _vocabulary;
    private readonly ILogger _logger;
    private readonly BlockingCollection<Request> _requests = new(new ConcurrentQueue<Request>());
    private readonly SemaphoreSlim _freeSequences;
    private readonly Thread _thread;
    private long _decodeCalls;
    private long _decodedTokens;
    private long _batchedSequences;
    private bool _disposed;

    /// <summary>Creates the context (<paramref name="options"/> decides its size and sequence count) and starts the scheduling thread.</summary>
    public BatchScheduler(LlamaModel model, ContextOptions options, ILogger<BatchScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _context = model.CreateContext(options);
        _vocabulary = new LlamaAgentVocabulary(model);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _freeSequences = new SemaphoreSlim(_context.MaxSequences, _context.MaxSequences);
        _thread = new Thread(Loop) { IsBackground = true, Name = "agentos-scheduler" };
        _thread.Start();
    }

    /// <inheritdoc />
    public string? ChatTemplate => _model.Metadata.ChatTemplate;

    /// <inheritdoc />
    public IAgentVocabulary Vocabulary => _vocabulary;

    /// <summary>How many runs can hold a sequence at once.</summary>
    public int MaxSequences => _context.MaxSequences;

    /// <summary>Most tokens one sequence can hold.</summary>
    public int SequenceCapacity => _context.SequenceContextSize;

    /// <summary>Counters since the scheduler started: decode calls, tokens decoded, and sequences per decode.</summary>
    public BatchSchedulerStats Stats => new(
        Interlocked.Read(ref _decodeCalls), Interlocked.Read(ref _decodedTokens), Interlocked.Read(ref _batchedSequences));

    /// <inheritdoc />
    public async ValueTask<IAgentSequence> OpenSequenceAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _freeSequences.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new OpenRequest(cancellationToken);
            Post(request);
            var sequence = await request.Completion.Task.ConfigureAwait(false);
            return new ScheduledSequence(this, sequence);
        }
        catch
        {
            _freeSequences.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public IAgentSampler CreateSampler(AgentSamplingOptions options) => new ScheduledSampler(LlamaSampling.CreatePipeline(_model.Tokenizer, options));

    /// <summary>Stops the scheduling thread (pending requests fail) and frees the context.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _requests.CompleteAdding();
        _thread.Join();
        foreach (var request in _requests)
        {
            request.Fail(new ObjectDisposedException(nameof(BatchScheduler)));
        }

        _context.Dispose();
        _requests.Dispose();
        _freeSequences.Dispose();
    }

    private void Post(Request request)
    {
        try
        {
            _requests.Add(request);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(BatchScheduler));
        }
    }

    private void Loop()
    {
        var servedLastCycle = new HashSet<LlamaSequence>();
        var cycle = new List<Request>();
        while (true)
        {
            cycle.Clear();
            try
            {
                cycle.Add(_requests.Take());
            }
            catch (InvalidOperationException)
            {
                return; // Completed: the scheduler is being disposed.
            }

            Gather(cycle, servedLastCycle);
            servedLastCycle.Clear();
            RunCycle(cycle, servedLastCycle);
        }
    }

    /// <summary>Takes every posted request, waiting briefly for sequences served last cycle that have not posted yet.</summary>
    private void Gather(List<Request> cycle, HashSet<LlamaSequence> expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            while (_requests.TryTake(out var more))
            {
                cycle.Add(more);
            }

            var missing = expected.Count(s => !s.IsDisposed && !cycle.Any(r => r.Sequence == s));
            var left = GatherWindow - clock.Elapsed;
            if (missing == 0 || left <= TimeSpan.Zero)
            {
                return;
            }

            if (_requests.TryTake(out var next, left))
            {
                cycle.Add(next);
            }
        }
    }

    private void RunCycle(List<Request> cycle, HashSet<LlamaSequence> served)
    {
        // Opens and closes first: a freed sequence id can be reused in the same cycle.
        foreach (var request in cycle)
        {
            switch (request)
            {
                case CloseRequest close:
                    close.Sequence!.Dispose();
                    close.Completion.TrySetResult();
                    break;
                case OpenRequest open when open.Cancelled:
                    open.Fail(new OperationCanceledException(open.CancellationToken));
                    break;
                case OpenRequest open:
                    Complete(open, () => _context.CreateSequence());
                    break;
            }
        }

        // Then sampling: the logits of sequences decoded last cycle are still current.
        foreach (var sample in cycle.OfType<SampleRequest>())
        {
            if (sample.Cancelled)
            {
                sample.Fail(new OperationCanceledException(sample.CancellationToken));
                continue;
            }

            Complete(sample, () => sample.Sampler.Sample(sample.Sequence!));
            served.Add(sample.Sequence!);
        }

        // Then one decode for every sequence that appends.
        var appends = cycle.OfType<AppendRequest>().Where(a =>
        {
            if (a.Cancelled)
            {
                a.Fail(new OperationCanceledException(a.CancellationToken));
                return false;
            }

            return true;
        }).ToList();
        if (appends.Count > 0)
        {
            Decode(appends);
            foreach (var append in appends)
            {
                served.Add(append.Sequence!);
            }
        }
    }

    private void Decode(List<AppendRequest> appends)
    {
        try
        {
            _context.Decode(appends.Select(a => new SequenceTokens(a.Sequence!, a.Tokens)).ToList());
            Count(appends);
            foreach (var append in appends)
            {
                append.Completion.TrySetResult();
            }
        }
#pragma warning disable CA1031 // One sequence's failure must not fail the others: they are retried one by one.
        catch (Exception exception) when (appends.Count > 1)
#pragma warning restore CA1031
        {
            LogBatchFailed(_logger, exception, appends.Count);
            foreach (var append in appends)
            {
                Decode([append]);
            }
        }
#pragma warning disable CA1031 // The failure goes to the run that asked, which ends with a clear error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            appends[0].Fail(exception);
        }
    }

    private void Count(List<AppendRequest> appends)
    {
        Interlocked.Increment(ref _decodeCalls);
        Interlocked.Add(ref _decodedTokens, appends.Sum(a => a.Tokens.Length));
        Interlocked.Add(ref _batchedSequences, appends.Count);
    }

    private static void Complete<T>(ValueRequest<T> request, Func<T> action)
    {
        try
        {
            request.Completion.TrySetResult(action());
        }
#pragma warning disable CA1031 // The failure goes to the run that asked.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            request.Fail(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batched decode of {Sequences} sequences failed; retrying them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int sequences);

    /// <summary>Something a run asks of the scheduling thread.</summary>
    private abstract class Request(LlamaSequence? sequence, CancellationToken cancellationToken)
    {
        public LlamaSequence? Sequence { get; } = sequence;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public bool Cancelled => CancellationToken.IsCancellationRequested;

        public abstract void Fail(Exception exception);
    }

    private abstract class ValueRequest<T>(LlamaSequence? sequence, CancellationToken cancellationToken) : Request(sequence, cancellationToken)
    {
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Fail(Exception exception)
        {
            if (exception is OperationCanceledException canceled)
            {
                Completion.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                Completion.TrySetException(exception);
            }
        }
    }

    private abstract class VoidRequest(LlamaSequence? sequence, CancellationToken cancellationToken) : Request(sequence, cancellationToken)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Fail(Exception exception)
        {
            if (exception is OperationCanceledException canceled)
            {
                Completion.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                Completion.TrySetException(exception);
            }
        }
    }

    private sealed class OpenRequest(CancellationToken cancellationToken) : ValueRequest<LlamaSequence>(null, cancellationToken);

    private sealed class SampleRequest(LlamaSequence sequence, SamplingPipeline sampler, CancellationToken cancellationToken)
        : ValueRequest<int>(sequence, cancellationToken)
    {
        public SamplingPipeline Sampler { get; } = sampler;
    }

    private sealed class AppendRequest(LlamaSequence sequence, int[] tokens, CancellationToken cancellationToken)
        : VoidRequest(sequence, cancellationToken)
    {
        public int[] Tokens { get; } = tokens;
    }

    private sealed class CloseRequest(LlamaSequence sequence) : VoidRequest(sequence, CancellationToken.None);

    private sealed class ScheduledSampler(SamplingPipeline pipeline) : IAgentSampler
    {
        public SamplingPipeline Pipeline { get; } = pipeline;

        public void Dispose() => Pipeline.Dispose();
    }

    /// <summary>A run's sequence: every operation is a request to the scheduling thread.</summary>
    private sealed class ScheduledSequence(BatchScheduler owner, LlamaSequence sequence) : IAgentSequence
    {
        private int _closed;

        // Length is read by the run between its own awaited requests, never while one is in flight.
        public int Length => sequence.Length;

        public int Capacity => owner.SequenceCapacity;

        public async ValueTask AppendAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(tokens);
            if (tokens.Count == 0)
            {
                return;
            }

            var request = new AppendRequest(sequence, [.. tokens], cancellationToken);
            owner.Post(request);
            await request.Completion.Task.ConfigureAwait(false);
        }

        public async ValueTask<int> SampleAsync(IAgentSampler sampler, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(sampler);
            var request = new SampleRequest(sequence, ((ScheduledSampler)sampler).Pipeline, cancellationToken);
            owner.Post(request);
            return await request.Completion.Task.ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0)
            {
                return;
            }

            try
            {
                var request = new CloseRequest(sequence);
                owner.Post(request);
                await request.Completion.Task.ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The scheduler is gone, and its context with it.
            }
            finally
            {
                if (!owner._disposed)
                {
                    owner._freeSequences.Release();
                }
            }
        }
    }
}
