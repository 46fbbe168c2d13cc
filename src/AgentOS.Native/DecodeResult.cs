namespace AgentOS.Native;

/// <summary>Return codes of <c>llama_decode</c>. Values below -1 are fatal errors and keep their number.</summary>
public enum DecodeResult
{
    /// <summary>The batch was decoded.</summary>
    Ok = 0,

    /// <summary>No KV slot for the batch: the context is full (memory restored to before the call).</summary>
    NoKvSlot = 1,

    /// <summary>The abort callback stopped the decode; micro-batches already processed stay in memory.</summary>
    Aborted = 2,

    /// <summary>The batch was invalid (for example non-consecutive positions).</summary>
    InvalidBatch = -1,

    /// <summary>A fatal error in the compute graph; micro-batches already processed stay in memory.</summary>
    ComputeFailed = -2,

    /// <summary>A fatal error while allocating for the compute graph.</summary>
    AllocationFailed = -3,
}
