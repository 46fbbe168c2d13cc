using AgentOS.Inference;
using AgentOS.Kernel.Runs;

namespace AgentOS.Daemon.Scheduling;

/// <summary>
/// Builds the engine's sampling pipeline from the kernel's sampling options, the same mapping as the
/// kernel's in-process <c>LlamaAgentModel.CreateSampler</c> (which keeps its pipeline private).
/// </summary>
internal static class SamplerFactory
{
    public static SamplingPipeline Create(LlamaTokenizer tokenizer, AgentSamplingOptions options)
    {
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
