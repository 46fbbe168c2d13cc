namespace AgentOS.Inference;

/// <summary>
/// How tokens are chosen. Every property is optional; the defaults (llama.cpp's usual ones) are written on
/// each property and applied in one place, <see cref="SamplingPipeline"/>. The chain is: logit bias and bans,
/// repetition penalties, grammar, then either greedy (temperature &lt;= 0) or top-k, typical, top-p, min-p,
/// temperature and a seeded draw.
/// </summary>
public sealed class SamplingOptions
{
    /// <summary>Softmax temperature (default 0.8). 0 or less means greedy: always the most likely token.</summary>
    public float? Temperature { get; set; }

    /// <summary>Keep only the K most likely tokens (default 40; 0 disables).</summary>
    public int? TopK { get; set; }

    /// <summary>Nucleus: keep the smallest set of tokens whose probability reaches P (default 0.95; 1 disables).</summary>
    public float? TopP { get; set; }

    /// <summary>Drop tokens less likely than this fraction of the best one (default 0.05; 0 disables).</summary>
    public float? MinP { get; set; }

    /// <summary>Locally typical sampling mass (default 1: disabled).</summary>
    public float? TypicalP { get; set; }

    /// <summary>Divide the logit of recently seen tokens by this (default 1: disabled).</summary>
    public float? RepeatPenalty { get; set; }

    /// <summary>Subtract this times a recent token's count from its logit (default 0: disabled).</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Subtract this from the logit of any recent token (default 0: disabled).</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>How many of the last generated tokens the penalties look at (default 64).</summary>
    public int? PenaltyLastN { get; set; }

    /// <summary>Seed of the random draw (default null: a random seed). The same seed, prompt and options give the same tokens.</summary>
    public uint? Seed { get; set; }

    /// <summary>Added to the logits of the given tokens (default none).</summary>
    public IReadOnlyDictionary<int, float>? LogitBias { get; set; }

    /// <summary>Tokens that may never be sampled (default none).</summary>
    public IReadOnlyCollection<int>? BannedTokens { get; set; }

    /// <summary>
    /// Generation stops when the text contains one of these; the stop text is not returned (default none).
    /// Matched on the decoded text, so a stop sequence may span tokens.
    /// </summary>
    public IReadOnlyList<string>? StopSequences { get; set; }

    /// <summary>A GBNF grammar the output must follow (default none).</summary>
    public string? Grammar { get; set; }

    /// <summary>The grammar's start symbol (default <c>root</c>).</summary>
    public string? GrammarRoot { get; set; }

    /// <summary>
    /// Makes <see cref="Grammar"/> lazy: unconstrained until one of these regular expressions matches the
    /// text generated so far; the grammar then applies from the first capture group on (default none).
    /// llama.cpp matches a pattern against the whole text, so to trigger on a marker anywhere, capture from
    /// it to the end: <c>[\s\S]*?(&lt;tool_call&gt;[\s\S]*)</c>.
    /// </summary>
    public IReadOnlyList<string>? GrammarTriggerPatterns { get; set; }

    /// <summary>Makes <see cref="Grammar"/> lazy: unconstrained until one of these tokens is sampled, which the grammar then sees first (default none).</summary>
    public IReadOnlyList<int>? GrammarTriggerTokens { get; set; }

    /// <summary>Most tokens to generate (default null: until the sequence's share of the context is full).</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Write control tokens (e.g. <c>&lt;tool_call&gt;</c>) into the text as their text (default true); off, they add no text.</summary>
    public bool? RenderSpecialTokens { get; set; }

    /// <summary>Options for deterministic output: temperature 0 (greedy), no other filter.</summary>
    public static SamplingOptions Greedy => new() { Temperature = 0 };
}
