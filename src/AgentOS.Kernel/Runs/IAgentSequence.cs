namespace AgentOS.Kernel.Runs;

/// <summary>
/// A run's own KV sequence: the only model operations the loop performs. Implemented directly over the engine for
/// in-process runs, and by the daemon's scheduler, which batches the appends and samples of many runs into shared
/// decodes (so an implementation may complete these calls asynchronously, when its batch has run).
/// </summary>
public interface IAgentSequence : IAsyncDisposable
{
    /// <summary>Tokens held in the KV cache.</summary>
    int Length { get; }

    /// <summary>Most tokens the sequence can hold.</summary>
    int Capacity { get; }

    /// <summary>Decodes <paramref name="tokens"/> after those already held. Only these tokens are computed.</summary>
    ValueTask AppendAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken);

    /// <summary>Chooses the next token from the logits after the last appended token. Does not append it.</summary>
    ValueTask<int> SampleAsync(IAgentSampler sampler, CancellationToken cancellationToken);
}
