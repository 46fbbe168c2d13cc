using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Runs;

/// <summary>How one assistant turn is sampled. Null properties take the engine's defaults.</summary>
public sealed record AgentSamplingOptions
{
    /// <summary>Temperature; 0 or less is greedy.</summary>
    public float Temperature { get; init; }

    /// <summary>Top-k filter, or null.</summary>
    public int? TopK { get; init; }

    /// <summary>Top-p filter, or null.</summary>
    public float? TopP { get; init; }

    /// <summary>Min-p filter, or null.</summary>
    public float? MinP { get; init; }

    /// <summary>Repetition penalty, or null.</summary>
    public float? RepeatPenalty { get; init; }

    /// <summary>Seed of the random draw, or null for a random one.</summary>
    public uint? Seed { get; init; }

    /// <summary>Lazy grammar that constrains tool calls once they start, or null.</summary>
    public ToolCallGrammar? Grammar { get; init; }

    /// <summary>Added to the logits of the given tokens (tests use it to force a call), or null.</summary>
    public IReadOnlyDictionary<int, float>? LogitBias { get; init; }
}
