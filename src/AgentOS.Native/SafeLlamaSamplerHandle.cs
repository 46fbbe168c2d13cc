using System.Runtime.InteropServices;
using AgentOS.Native.Interop;
using Microsoft.Win32.SafeHandles;

namespace AgentOS.Native;

/// <summary>
/// Owns a <c>llama_sampler*</c>: a single sampler or a chain of them. Adding a sampler to a chain moves
/// its ownership into the chain (the added handle becomes invalid). Grammar samplers keep the model whose
/// vocabulary they use alive.
/// </summary>
public sealed unsafe class SafeLlamaSamplerHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private List<SafeHandle>? _keepAlive;

    /// <summary>Creates an invalid handle (used by the interop marshaller).</summary>
    public SafeLlamaSamplerHandle() : base(ownsHandle: true)
    {
    }

    /// <summary>The sampler's name, e.g. <c>chain</c>, <c>top-k</c>, <c>grammar</c>.</summary>
    public string Name
    {
        get
        {
            using var lease = new HandleLease(this);
            return Marshal.PtrToStringUTF8((IntPtr)NativeMethods.llama_sampler_name(handle)) ?? string.Empty;
        }
    }

    /// <summary>Number of samplers in a chain.</summary>
    public int Count => NativeMethods.llama_sampler_chain_n(this);

    /// <summary>The names of the samplers in a chain, in order.</summary>
    public IReadOnlyList<string> SamplerNames
    {
        get
        {
            var names = new List<string>();
            var count = Count;
            for (var i = 0; i < count; i++)
            {
                var sampler = NativeMethods.llama_sampler_chain_get(this, i);
                names.Add(Marshal.PtrToStringUTF8((IntPtr)NativeMethods.llama_sampler_name(sampler)) ?? string.Empty);
            }

            return names;
        }
    }

    /// <summary>The seed a random sampler (or chain) uses, or <c>0xFFFFFFFF</c> when none applies.</summary>
    public uint Seed => NativeMethods.llama_sampler_get_seed(this);

    /// <summary>An empty chain.</summary>
    public static SafeLlamaSamplerHandle CreateChain(LlamaSamplerChainParams parameters) =>
        Wrap(NativeMethods.llama_sampler_chain_init(parameters), "chain");

    /// <summary>An empty chain with the library's defaults.</summary>
    public static SafeLlamaSamplerHandle CreateChain() => CreateChain(LlamaSamplerChainParams.CreateDefault());

    /// <summary>Picks the most likely token.</summary>
    public static SafeLlamaSamplerHandle CreateGreedy() => Wrap(NativeMethods.llama_sampler_init_greedy(), "greedy");

    /// <summary>Draws from the distribution with a seeded generator (<c>0xFFFFFFFF</c> = random seed).</summary>
    public static SafeLlamaSamplerHandle CreateDistribution(uint seed) => Wrap(NativeMethods.llama_sampler_init_dist(seed), "dist");

    /// <summary>Divides logits by <paramref name="temperature"/>; &lt;= 0 keeps only the most likely token.</summary>
    public static SafeLlamaSamplerHandle CreateTemperature(float temperature) => Wrap(NativeMethods.llama_sampler_init_temp(temperature), "temp");

    /// <summary>Entropy-based dynamic temperature in [t - delta, t + delta].</summary>
    public static SafeLlamaSamplerHandle CreateDynamicTemperature(float temperature, float delta, float exponent) =>
        Wrap(NativeMethods.llama_sampler_init_temp_ext(temperature, delta, exponent), "temp-ext");

    /// <summary>Keeps the <paramref name="k"/> most likely tokens (k &lt;= 0 keeps all).</summary>
    public static SafeLlamaSamplerHandle CreateTopK(int k) => Wrap(NativeMethods.llama_sampler_init_top_k(k), "top-k");

    /// <summary>Nucleus sampling: keeps the smallest set whose probability reaches <paramref name="p"/>.</summary>
    public static SafeLlamaSamplerHandle CreateTopP(float p, int minKeep = 1) => Wrap(NativeMethods.llama_sampler_init_top_p(p, (nuint)minKeep), "top-p");

    /// <summary>Keeps tokens whose probability is at least <paramref name="p"/> times the best one's.</summary>
    public static SafeLlamaSamplerHandle CreateMinP(float p, int minKeep = 1) => Wrap(NativeMethods.llama_sampler_init_min_p(p, (nuint)minKeep), "min-p");

    /// <summary>Locally typical sampling with mass <paramref name="p"/>.</summary>
    public static SafeLlamaSamplerHandle CreateTypical(float p, int minKeep = 1) => Wrap(NativeMethods.llama_sampler_init_typical(p, (nuint)minKeep), "typical");

    /// <summary>
    /// Repetition penalties over the last <paramref name="lastN"/> accepted tokens (&lt;= 0 disables them
    /// in this release). <paramref name="repeat"/> 1 = off; <paramref name="frequency"/> and <paramref name="presence"/> 0 = off.
    /// </summary>
    public static SafeLlamaSamplerHandle CreatePenalties(int vocabularySize, int lastN, float repeat, float frequency, float presence) =>
        Wrap(NativeMethods.llama_sampler_init_penalties(vocabularySize, lastN, repeat, frequency, presence), "penalties");

    /// <summary>Adds fixed biases to token logits (negative infinity bans a token).</summary>
    public static SafeLlamaSamplerHandle CreateLogitBias(int vocabularySize, ReadOnlySpan<LlamaLogitBias> biases)
    {
        fixed (LlamaLogitBias* p = biases)
        {
            return Wrap(NativeMethods.llama_sampler_init_logit_bias(vocabularySize, biases.Length, p), "logit-bias");
        }
    }

    /// <summary>Constrains tokens to a GBNF grammar from the start.</summary>
    /// <exception cref="ArgumentException">The grammar does not parse (details in the llama.cpp log).</exception>
    public static SafeLlamaSamplerHandle CreateGrammar(LlamaVocabulary vocabulary, string grammar, string root = "root")
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentException.ThrowIfNullOrEmpty(root);
        using var lease = new HandleLease(vocabulary.Model);
        _ = NativeLogBridge.TakeLastError();
        var sampler = NativeMethods.llama_sampler_init_grammar(vocabulary.DangerousGetPointer(), grammar, root);
        if (sampler == IntPtr.Zero)
        {
            throw new ArgumentException($"The GBNF grammar does not parse: {NativeLogBridge.TakeLastError() ?? "see the llama.cpp log"}.", nameof(grammar));
        }

        return Wrap(sampler, "grammar", vocabulary.Model);
    }

    /// <summary>
    /// A grammar that stays inactive until a trigger: a regex in <paramref name="triggerPatterns"/> matching the
    /// generated text (the grammar then sees the text from the first capture group on), or a token in
    /// <paramref name="triggerTokens"/> being sampled (the grammar sees that token on).
    /// </summary>
    /// <exception cref="ArgumentException">The grammar does not parse, or there is no trigger.</exception>
    public static SafeLlamaSamplerHandle CreateLazyGrammar(
        LlamaVocabulary vocabulary, string grammar, IReadOnlyList<string> triggerPatterns, ReadOnlySpan<int> triggerTokens, string root = "root")
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(grammar);
        ArgumentNullException.ThrowIfNull(triggerPatterns);
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (triggerPatterns.Count == 0 && triggerTokens.IsEmpty)
        {
            throw new ArgumentException("A lazy grammar needs at least one trigger pattern or trigger token.", nameof(triggerPatterns));
        }

        var patterns = stackalloc byte*[Math.Max(triggerPatterns.Count, 1)];
        for (var i = 0; i < triggerPatterns.Count; i++)
        {
            patterns[i] = null;
        }

        try
        {
            for (var i = 0; i < triggerPatterns.Count; i++)
            {
                patterns[i] = Utf8Buffer.Allocate(triggerPatterns[i]);
            }

            using var lease = new HandleLease(vocabulary.Model);
            _ = NativeLogBridge.TakeLastError();
            IntPtr sampler;
            fixed (int* tokens = triggerTokens)
            {
                sampler = NativeMethods.llama_sampler_init_grammar_lazy_patterns(
                    vocabulary.DangerousGetPointer(), grammar, root, patterns, (nuint)triggerPatterns.Count, tokens, (nuint)triggerTokens.Length);
            }

            if (sampler == IntPtr.Zero)
            {
                throw new ArgumentException($"The GBNF grammar does not parse: {NativeLogBridge.TakeLastError() ?? "see the llama.cpp log"}.", nameof(grammar));
            }

            return Wrap(sampler, "grammar", vocabulary.Model);
        }
        finally
        {
            for (var i = 0; i < triggerPatterns.Count; i++)
            {
                NativeMemory.Free(patterns[i]);
            }
        }
    }

    /// <summary>Appends <paramref name="sampler"/> to this chain, which takes ownership of it.</summary>
    public void Add(SafeLlamaSamplerHandle sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ObjectDisposedException.ThrowIf(sampler.IsClosed || sampler.IsInvalid, sampler);
        NativeMethods.llama_sampler_chain_add(this, sampler.handle);

        // The chain frees the native sampler now; the handle must not free it a second time.
        if (sampler._keepAlive is { } dependencies)
        {
            (_keepAlive ??= []).AddRange(dependencies);
            sampler._keepAlive = null;
        }

        sampler.SetHandleAsInvalid();
    }

    /// <summary>Samples from output <paramref name="outputIndex"/> of the context's last decode and accepts the token.</summary>
    public int Sample(SafeLlamaContextHandle context, int outputIndex) => NativeMethods.llama_sampler_sample(this, context, outputIndex);

    /// <summary>Tells the sampler a token was chosen (penalties, grammar and lazy triggers track it).</summary>
    public void Accept(int token) => NativeMethods.llama_sampler_accept(this, token);

    /// <summary>Clears the sampler's history (penalties window, grammar state).</summary>
    public void Reset() => NativeMethods.llama_sampler_reset(this);

    /// <summary>
    /// Applies the sampler to <paramref name="candidates"/> in place. Returns how many candidates remain (the
    /// first ones of the span) and the index of the selected one, or -1 when the sampler selects none.
    /// </summary>
    public (int Count, int Selected) Apply(Span<LlamaTokenData> candidates, bool sorted = false)
    {
        fixed (LlamaTokenData* data = candidates)
        {
            var array = new LlamaTokenDataArrayNative { data = data, size = (nuint)candidates.Length, selected = -1, sorted = sorted ? (byte)1 : (byte)0 };
            NativeMethods.llama_sampler_apply(this, &array);

            // Samplers may point the array at their own buffer; copy it back into the caller's span.
            var count = (int)array.size;
            if (array.data != data)
            {
                new ReadOnlySpan<LlamaTokenData>(array.data, count).CopyTo(candidates);
            }

            return (count, (int)array.selected);
        }
    }

    /// <summary>An independent copy of this sampler with its state.</summary>
    public SafeLlamaSamplerHandle Clone()
    {
        var clone = Wrap(NativeMethods.llama_sampler_clone(this), Name);
        if (_keepAlive is not null)
        {
            foreach (var dependency in _keepAlive)
            {
                clone.KeepAlive(dependency);
            }
        }

        return clone;
    }

    /// <summary>Sampling time and count of a chain (zero unless the chain measures performance).</summary>
    public (TimeSpan SampleTime, int Samples) GetPerformance()
    {
        var data = NativeMethods.llama_perf_sampler(this);
        return (TimeSpan.FromMilliseconds(data.t_sample_ms), data.n_sample);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_sampler_free(handle);
        if (_keepAlive is not null)
        {
            foreach (var dependency in _keepAlive)
            {
                dependency.DangerousRelease();
            }

            _keepAlive = null;
        }

        return true;
    }

    private static SafeLlamaSamplerHandle Wrap(IntPtr sampler, string what, SafeHandle? keepAlive = null)
    {
        if (sampler == IntPtr.Zero)
        {
            throw new LlamaNativeException($"llama.cpp could not create the {what} sampler.");
        }

        var result = new SafeLlamaSamplerHandle();
        result.SetHandle(sampler);
        if (keepAlive is not null)
        {
            result.KeepAlive(keepAlive);
        }

        return result;
    }

    private void KeepAlive(SafeHandle dependency)
    {
        var added = false;
        dependency.DangerousAddRef(ref added);
        (_keepAlive ??= []).Add(dependency);
    }
}
