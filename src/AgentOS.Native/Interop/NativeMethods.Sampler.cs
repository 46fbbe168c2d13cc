using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AgentOS.Native.Interop;

// Sampler chain and samplers (llama.h "sampling API"). Samplers added to a chain are owned by it.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    /// <summary>Takes ownership of <paramref name="sampler"/>.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, IntPtr sampler);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_sampler_chain_n(SafeLlamaSamplerHandle chain);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_chain_get(SafeLlamaSamplerHandle chain, int i);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial byte* llama_sampler_name(IntPtr sampler);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_sampler_accept(SafeLlamaSamplerHandle sampler, int token);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_sampler_apply(SafeLlamaSamplerHandle sampler, LlamaTokenDataArrayNative* candidates);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_sampler_reset(SafeLlamaSamplerHandle sampler);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_clone(SafeLlamaSamplerHandle sampler);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_sampler_free(IntPtr sampler);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial uint llama_sampler_get_seed(SafeLlamaSamplerHandle sampler);

    /// <summary>Samples from output <paramref name="idx"/> of the last decode and accepts the token.</summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int idx);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_greedy();

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_dist(uint seed);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_top_k(int k);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_typical(float p, nuint minKeep);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_temp(float t);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_temp_ext(float t, float delta, float exponent);

    /// <summary>
    /// This release takes <paramref name="nVocab"/> FIRST (older headers do not have it: checked in the
    /// disassembly). A <paramref name="penaltyLastN"/> &lt;= 0 yields an inert sampler, not "whole context".
    /// </summary>
    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_penalties(int nVocab, int penaltyLastN, float penaltyRepeat, float penaltyFreq, float penaltyPresent);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_logit_bias(int nVocab, int nLogitBias, LlamaLogitBias* logitBias);

    /// <summary>Returns null when the grammar does not parse.</summary>
    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_grammar(IntPtr vocab, string grammar, string root);

    /// <summary>
    /// Lazy grammar: inactive until a trigger pattern matches the generated text (the grammar is fed from the
    /// first capture group) or a trigger token is sampled (fed from that token on). Null when the grammar does not parse.
    /// </summary>
    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial IntPtr llama_sampler_init_grammar_lazy_patterns(
        IntPtr vocab, string grammar, string root, byte** triggerPatterns, nuint numTriggerPatterns, int* triggerTokens, nuint numTriggerTokens);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial LlamaPerfSamplerData llama_perf_sampler(SafeLlamaSamplerHandle chain);

    [LibraryImport(Llama)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void llama_perf_sampler_reset(SafeLlamaSamplerHandle chain);
}
