using AgentOS.Inference;
using AgentOS.Kernel.Runs;

namespace AgentOS.Kernel.Engine;

/// <summary>The one mapping from the kernel's <see cref="AgentSamplingOptions"/> to the engine's sampling pipeline.</summary>
public static class LlamaSampling
{
    /// <summary>
    /// Builds the pipeline for one turn: the options as they are, the grammar made lazy on its triggers (trigger texts
    /// resolved to the model's special tokens).
    /// </summary>
    /// <exception cref="ArgumentException">A trigger is not a special token of the model, or the grammar does not parse.</exception>
    public static SamplingPipeline CreatePipeline(LlamaTokenizer tokenizer, AgentSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        var sampling = new SamplingOptions
        {
            Temperature = options.Temperature,
            TopK = options.TopK,
            TopP = options.TopP,
            MinP = options.MinP,
            RepeatPenalty = options.RepeatPenalty,
            Seed = options.Seed,
            LogitBias = options.LogitBias,
        };
        if (options.Grammar is { } grammar)
        {
            sampling.Grammar = grammar.Gbnf;
            sampling.GrammarRoot = grammar.Root;
            sampling.GrammarTriggerPatterns = grammar.TriggerPatterns;
            sampling.GrammarTriggerTokens = grammar.TriggerTokens
                .Select(text => tokenizer.FindSpecialToken(text)
                    ?? throw new ArgumentException($"The grammar trigger '{text}' is not a special token of this model.", nameof(options)))
                .ToList();
        }

        return new SamplingPipeline(tokenizer, sampling);
    }
}
