namespace AgentOS.Daemon.Scheduling;

/// <summary>What a <see cref="BatchScheduler"/> has done since it started.</summary>
/// <param name="DecodeCalls">Decode calls (each one <c>llama_decode</c> when its tokens fit the batch).</param>
/// <param name="DecodedTokens">Tokens decoded over all sequences.</param>
/// <param name="BatchedSequences">Sum over decode calls of the sequences in each: divided by <paramref name="DecodeCalls"/>, the average batch width.</param>
public sealed record BatchSchedulerStats(long DecodeCalls, long DecodedTokens, long BatchedSequences)
{
    /// <summary>Average number of sequences advanced per decode call.</summary>
    public double AverageBatchWidth => DecodeCalls == 0 ? 0 : (double)BatchedSequences / DecodeCalls;
}
