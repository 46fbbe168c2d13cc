using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>
/// A llama.cpp sampler chain built from <see cref="SamplingOptions"/>, where every default is applied. It
/// has state (penalty window, grammar position, random generator): use one per generation, or keep one
/// across turns on purpose. Not thread-safe.
/// </summary>
public sealed class SamplingPipeline : IDisposable
{
    /// <summary>Default <see cref="SamplingOptions.Temperature"/>.</summary>
    public const float DefaultTemperature = 0.8f;

    /// <summary>Default <see cref="SamplingOptions.TopK"/>.</summary>
    public const int DefaultTopK = 40;

    /// <summary>Default <see cref="SamplingOptions.TopP"/>.</summary>
    public const float DefaultTopP = 0.95f;

    /// <summary>Default <see cref="SamplingOptions.MinP"/>.</summary>
    public const float DefaultMinP = 0.05f;

    /// <summary>Default <see cref="SamplingOptions.PenaltyLastN"/>.</summary>
    public const int DefaultPenaltyLastN = 64;

    private readonly SafeLlamaSamplerHandle _chain;

    /// <summary>Builds the chain for <paramref name="tokenizer"/>'s vocabulary.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the grammar does not parse.</exception>
    public SamplingPipeline(LlamaTokenizer tokenizer, SamplingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        options ??= new SamplingOptions();
        MaxTokens = options.MaxTokens ?? int.MaxValue;
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTokens, "options.MaxTokens");
        StopSequences = options.StopSequences?.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? [];
        RenderSpecialTokens = options.RenderSpecialTokens ?? true;
        _chain = SafeLlamaSamplerHandle.CreateChain();
        try
        {
            Build(tokenizer, options);
        }
        catch
        {
            _chain.Dispose();
            throw;
        }
    }

    /// <summary>Most tokens to generate (<see cref="int.MaxValue"/> when unlimited).</summary>
    public int MaxTokens { get; }

    /// <summary>The stop sequences in effect.</summary>
    public IReadOnlyList<string> StopSequences { get; }

    /// <summary>Whether control tokens are written into the text.</summary>
    public bool RenderSpecialTokens { get; }

    /// <summary>The llama.cpp samplers of the chain, in order (e.g. <c>logit-bias</c>, <c>penalties</c>, <c>grammar</c>, <c>greedy</c>).</summary>
    public IReadOnlyList<string> SamplerNames => _chain.SamplerNames;

    /// <summary>
    /// Chooses the next token of <paramref name="sequence"/> from its current logits and records it in the
    /// chain's state. Does not append it: call <see cref="LlamaSequence.Append(int, CancellationToken)"/>
    /// (or batch several sequences with <see cref="LlamaContext.Decode"/>).
    /// </summary>
    public int Sample(LlamaSequence sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var index = sequence.EnsureLogits(cancellationToken);
        return _chain.Sample(sequence.Context.Handle, index);
    }

    /// <summary>Records a token chosen outside <see cref="Sample"/> (a forced token), so penalties and grammar follow it.</summary>
    public void Accept(int token) => _chain.Accept(token);

    /// <summary>Forgets the history: penalty window and grammar position.</summary>
    public void Reset() => _chain.Reset();

    /// <inheritdoc />
    public void Dispose() => _chain.Dispose();

    private void Build(LlamaTokenizer tokenizer, SamplingOptions options)
    {
        var vocabularySize = tokenizer.VocabularySize;
        var biases = new Dictionary<int, float>();
        foreach (var (token, bias) in options.LogitBias ?? new Dictionary<int, float>())
        {
            biases[CheckToken(token, vocabularySize, "options.LogitBias")] = bias;
        }

        foreach (var token in options.BannedTokens ?? [])
        {
            biases[CheckToken(token, vocabularySize, "options.BannedTokens")] = float.NegativeInfinity;
        }

        if (biases.Count > 0)
        {
            var array = biases.Select(b => new LlamaLogitBias(b.Key, b.Value)).ToArray();
            _chain.Add(SafeLlamaSamplerHandle.CreateLogitBias(vocabularySize, array));
        }

        var repeat = options.RepeatPenalty ?? 1f;
        var frequency = options.FrequencyPenalty ?? 0f;
        var presence = options.PresencePenalty ?? 0f;
        var lastN = options.PenaltyLastN ?? DefaultPenaltyLastN;
        if (repeat <= 0 || !float.IsFinite(repeat) || !float.IsFinite(frequency) || !float.IsFinite(presence))
        {
            throw new ArgumentException("RepeatPenalty must be positive, and the penalties finite.", nameof(options));
        }

        if (lastN > 0 && (repeat != 1f || frequency != 0f || presence != 0f))
        {
            _chain.Add(SafeLlamaSamplerHandle.CreatePenalties(vocabularySize, lastN, repeat, frequency, presence));
        }

        if (options.Grammar is { } grammar)
        {
            var root = options.GrammarRoot ?? "root";
            var patterns = options.GrammarTriggerPatterns ?? [];
            var triggerTokens = (options.GrammarTriggerTokens ?? []).Select(t => CheckToken(t, vocabularySize, "options.GrammarTriggerTokens")).ToArray();
            _chain.Add(patterns.Count == 0 && triggerTokens.Length == 0
                ? SafeLlamaSamplerHandle.CreateGrammar(tokenizer.Vocabulary, grammar, root)
                : SafeLlamaSamplerHandle.CreateLazyGrammar(tokenizer.Vocabulary, grammar, patterns, triggerTokens, root));
        }
        else if (options.GrammarTriggerPatterns is { Count: > 0 } || options.GrammarTriggerTokens is { Count: > 0 })
        {
            throw new ArgumentException("Grammar triggers need a Grammar.", nameof(options));
        }

        var temperature = options.Temperature ?? DefaultTemperature;
        if (temperature <= 0)
        {
            _chain.Add(SafeLlamaSamplerHandle.CreateGreedy());
            return;
        }

        var topK = options.TopK ?? DefaultTopK;
        var typical = options.TypicalP ?? 1f;
        var topP = options.TopP ?? DefaultTopP;
        var minP = options.MinP ?? DefaultMinP;
        if (topK > 0)
        {
            _chain.Add(SafeLlamaSamplerHandle.CreateTopK(topK));
        }

        if (typical < 1f)
        {
            _chain.Add(SafeLlamaSamplerHandle.CreateTypical(typical));
        }

        if (topP < 1f)
        {
            _chain.Add(SafeLlamaSamplerHandle.CreateTopP(topP));
        }

        if (minP > 0f)
        {
            _chain.Add(SafeLlamaSamplerHandle.CreateMinP(minP));
        }

        _chain.Add(SafeLlamaSamplerHandle.CreateTemperature(temperature));
        _chain.Add(SafeLlamaSamplerHandle.CreateDistribution(options.Seed ?? 0xFFFFFFFF));
    }

    private static int CheckToken(int token, int vocabularySize, string option) =>
        (uint)token < (uint)vocabularySize
            ? token
            : throw new ArgumentOutOfRangeException(option, token, $"Token ids run from 0 to {vocabularySize - 1}.");
}
