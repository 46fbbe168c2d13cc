namespace AgentOS.Inference;

/// <summary>Why generation stopped.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-generation token (not included in the output).</summary>
    EndOfGeneration,

    /// <summary>The text reached a stop sequence (the stop text is not included).</summary>
    StopSequence,

    /// <summary><see cref="SamplingOptions.MaxTokens"/> tokens were generated.</summary>
    MaxTokens,

    /// <summary>The sequence filled its share of the context.</summary>
    ContextFull,
}
