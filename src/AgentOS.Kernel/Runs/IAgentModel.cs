namespace AgentOS.Kernel.Runs;

/// <summary>
/// The model as the kernel sees it: its vocabulary and chat template, sequences to run tasks on, and samplers.
/// Everything the loop needs from a model goes through this interface, so the loop runs the same on the in-process
/// engine, under the daemon's scheduler, and on a hand-written fake in unit tests.
/// </summary>
public interface IAgentModel
{
    /// <summary>The model's <c>tokenizer.chat_template</c>, or null; chooses the tool-call format.</summary>
    string? ChatTemplate { get; }

    /// <summary>The model's vocabulary.</summary>
    IAgentVocabulary Vocabulary { get; }

    /// <summary>Opens an empty sequence for one run.</summary>
    ValueTask<IAgentSequence> OpenSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Creates the sampling state for one assistant turn.</summary>
    /// <exception cref="ArgumentException">The options are invalid (e.g. the grammar does not parse).</exception>
    IAgentSampler CreateSampler(AgentSamplingOptions options);
}
