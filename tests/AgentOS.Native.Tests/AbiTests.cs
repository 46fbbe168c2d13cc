using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentOS.Native.Interop;

namespace AgentOS.Native.Tests;

/// <summary>
/// Reads the library's default parameter structs through our layouts and checks every field against the
/// values ABI.md read off the pinned binary: a wrong offset shows up here instead of as corrupted memory.
/// </summary>
public sealed class AbiTests
{
    public AbiTests() => NativeRuntime.EnsureInitialized();

    [Theory]
    [InlineData(typeof(LlamaModelParams), 80)]
    [InlineData(typeof(LlamaContextParams), 160)]
    [InlineData(typeof(LlamaSamplerChainParams), 1)]
    [InlineData(typeof(LlamaBatchNative), 56)]
    [InlineData(typeof(LlamaTokenData), 12)]
    [InlineData(typeof(LlamaTokenDataArrayNative), 32)]
    [InlineData(typeof(LlamaChatMessageNative), 16)]
    [InlineData(typeof(LlamaLogitBias), 8)]
    [InlineData(typeof(LlamaPerfContextData), 48)]
    [InlineData(typeof(LlamaPerfSamplerData), 16)]
    public void StructSize_MatchesPinnedRelease(Type type, int expected)
    {
        Assert.Equal(expected, Marshal.SizeOf(type));
    }

    [Theory]
    [InlineData("devices", 0x00)]
    [InlineData("tensor_buft_overrides", 0x08)]
    [InlineData("n_gpu_layers", 0x10)]
    [InlineData("split_mode", 0x14)]
    [InlineData("load_mode", 0x18)]
    [InlineData("lazy_mode", 0x1c)]
    [InlineData("main_gpu", 0x20)]
    [InlineData("tensor_split", 0x28)]
    [InlineData("progress_callback", 0x30)]
    [InlineData("progress_callback_user_data", 0x38)]
    [InlineData("kv_overrides", 0x40)]
    [InlineData("vocab_only", 0x48)]
    [InlineData("check_tensors", 0x49)]
    [InlineData("use_extra_bufts", 0x4a)]
    [InlineData("no_host", 0x4b)]
    [InlineData("no_alloc", 0x4c)]
    [InlineData("load_mtp", 0x4d)]
    public void ModelParams_FieldOffset_MatchesAbi(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaModelParams>(field));
    }

    [Theory]
    [InlineData("n_ctx", 0x00)]
    [InlineData("n_batch", 0x04)]
    [InlineData("n_ubatch", 0x08)]
    [InlineData("n_seq_max", 0x0c)]
    [InlineData("n_rs_seq", 0x10)]
    [InlineData("n_outputs_max", 0x14)]
    [InlineData("n_outputs_max_per_seq", 0x18)]
    [InlineData("n_threads", 0x1c)]
    [InlineData("n_threads_batch", 0x20)]
    [InlineData("ctx_type", 0x24)]
    [InlineData("rope_scaling_type", 0x28)]
    [InlineData("pooling_type", 0x2c)]
    [InlineData("attention_type", 0x30)]
    [InlineData("flash_attn_type", 0x34)]
    [InlineData("rope_freq_base", 0x38)]
    [InlineData("rope_freq_scale", 0x3c)]
    [InlineData("yarn_ext_factor", 0x40)]
    [InlineData("yarn_attn_factor", 0x44)]
    [InlineData("yarn_beta_fast", 0x48)]
    [InlineData("yarn_beta_slow", 0x4c)]
    [InlineData("yarn_orig_ctx", 0x50)]
    [InlineData("defrag_thold", 0x54)]
    [InlineData("cb_eval", 0x58)]
    [InlineData("cb_eval_user_data", 0x60)]
    [InlineData("type_k", 0x68)]
    [InlineData("type_v", 0x6c)]
    [InlineData("abort_callback", 0x70)]
    [InlineData("abort_callback_data", 0x78)]
    [InlineData("embeddings_enabled", 0x80)]
    [InlineData("offload_kqv", 0x81)]
    [InlineData("no_perf", 0x82)]
    [InlineData("op_offload", 0x83)]
    [InlineData("swa_full", 0x84)]
    [InlineData("kv_unified", 0x85)]
    [InlineData("samplers", 0x88)]
    [InlineData("n_samplers", 0x90)]
    [InlineData("ctx_other", 0x98)]
    public void ContextParams_FieldOffset_MatchesAbi(string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<LlamaContextParams>(field));
    }

    [Theory]
    [InlineData(typeof(LlamaBatchNative), "n_tokens", 0x00)]
    [InlineData(typeof(LlamaBatchNative), "token", 0x08)]
    [InlineData(typeof(LlamaBatchNative), "embd", 0x10)]
    [InlineData(typeof(LlamaBatchNative), "pos", 0x18)]
    [InlineData(typeof(LlamaBatchNative), "n_seq_id", 0x20)]
    [InlineData(typeof(LlamaBatchNative), "seq_id", 0x28)]
    [InlineData(typeof(LlamaBatchNative), "logits", 0x30)]
    [InlineData(typeof(LlamaTokenDataArrayNative), "data", 0x00)]
    [InlineData(typeof(LlamaTokenDataArrayNative), "size", 0x08)]
    [InlineData(typeof(LlamaTokenDataArrayNative), "selected", 0x10)]
    [InlineData(typeof(LlamaTokenDataArrayNative), "sorted", 0x18)]
    [InlineData(typeof(LlamaChatMessageNative), "role", 0x00)]
    [InlineData(typeof(LlamaChatMessageNative), "content", 0x08)]
    [InlineData(typeof(LlamaTokenData), "Id", 0x00)]
    [InlineData(typeof(LlamaTokenData), "Logit", 0x04)]
    [InlineData(typeof(LlamaTokenData), "Probability", 0x08)]
    public void SmallStruct_FieldOffset_MatchesAbi(Type type, string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf(type, field));
    }

    [Fact]
    public void ModelDefaultParams_EveryField_MatchesAbi()
    {
        var p = NativeMethods.llama_model_default_params();

        Assert.Equal(IntPtr.Zero, p.devices);
        Assert.Equal(IntPtr.Zero, p.tensor_buft_overrides);
        Assert.Equal(-1, p.n_gpu_layers);
        Assert.Equal(1, p.split_mode);
        Assert.Equal(-1, p.load_mode);
        Assert.Equal(1, p.lazy_mode);
        Assert.Equal(0, p.main_gpu);
        Assert.Equal(IntPtr.Zero, p.tensor_split);
        Assert.Equal(IntPtr.Zero, p.progress_callback);
        Assert.Equal(IntPtr.Zero, p.progress_callback_user_data);
        Assert.Equal(IntPtr.Zero, p.kv_overrides);
        Assert.Equal(0, p.vocab_only);
        Assert.Equal(0, p.check_tensors);
        Assert.Equal(1, p.use_extra_bufts);
        Assert.Equal(0, p.no_host);
        Assert.Equal(0, p.no_alloc);
        Assert.Equal(0, p.load_mtp);
        Assert.Equal(LlamaSplitMode.Layer, p.SplitMode);
        Assert.Equal(LlamaLoadMode.Auto, p.LoadMode);
    }

    [Fact]
    public void ContextDefaultParams_EveryField_MatchesAbi()
    {
        var p = NativeMethods.llama_context_default_params();

        Assert.Equal(512u, p.n_ctx);
        Assert.Equal(2048u, p.n_batch);
        Assert.Equal(512u, p.n_ubatch);
        Assert.Equal(1u, p.n_seq_max);
        Assert.Equal(0u, p.n_rs_seq);
        Assert.Equal(0u, p.n_outputs_max);
        Assert.Equal(1u, p.n_outputs_max_per_seq);
        Assert.Equal(4, p.n_threads);
        Assert.Equal(4, p.n_threads_batch);
        Assert.Equal(0, p.ctx_type);
        Assert.Equal(-1, p.rope_scaling_type);
        Assert.Equal(-1, p.pooling_type);
        Assert.Equal(-1, p.attention_type);
        Assert.Equal(-1, p.flash_attn_type);
        Assert.Equal(0f, p.rope_freq_base);
        Assert.Equal(0f, p.rope_freq_scale);
        Assert.Equal(-1f, p.yarn_ext_factor);
        Assert.Equal(-1f, p.yarn_attn_factor);
        Assert.Equal(-1f, p.yarn_beta_fast);
        Assert.Equal(-1f, p.yarn_beta_slow);
        Assert.Equal(0u, p.yarn_orig_ctx);
        Assert.Equal(-1f, p.defrag_thold);
        Assert.Equal(IntPtr.Zero, p.cb_eval);
        Assert.Equal(IntPtr.Zero, p.cb_eval_user_data);
        Assert.Equal(1, p.type_k);
        Assert.Equal(1, p.type_v);
        Assert.Equal(IntPtr.Zero, p.abort_callback);
        Assert.Equal(IntPtr.Zero, p.abort_callback_data);
        Assert.Equal(0, p.embeddings_enabled);
        Assert.Equal(1, p.offload_kqv);
        Assert.Equal(1, p.no_perf);
        Assert.Equal(1, p.op_offload);
        Assert.Equal(1, p.swa_full);
        Assert.Equal(0, p.kv_unified);
        Assert.Equal(IntPtr.Zero, p.samplers);
        Assert.Equal(0u, p.n_samplers);
        Assert.Equal(IntPtr.Zero, p.ctx_other);
        Assert.Equal(LlamaFlashAttention.Auto, p.FlashAttention);
        Assert.Equal(GgmlType.F16, p.KeyCacheType);
    }

    [Fact]
    public void SamplerChainDefaultParams_NoPerf_IsOn()
    {
        var p = NativeMethods.llama_sampler_chain_default_params();

        Assert.Equal(1, p.no_perf);
        Assert.Equal(1, Unsafe.SizeOf<LlamaSamplerChainParams>());
    }
}
