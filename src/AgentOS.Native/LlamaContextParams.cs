using System.Runtime.InteropServices;

namespace AgentOS.Native;

/// <summary>
/// <c>struct llama_context_params</c> of the pinned release: 160 bytes, layout per ABI.md.
/// Start from <see cref="CreateDefault"/>; a zeroed struct is NOT the library's default.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 160)]
public struct LlamaContextParams
{
    [FieldOffset(0x00)] internal uint n_ctx;
    [FieldOffset(0x04)] internal uint n_batch;
    [FieldOffset(0x08)] internal uint n_ubatch;
    [FieldOffset(0x0c)] internal uint n_seq_max;
    [FieldOffset(0x10)] internal uint n_rs_seq;
    [FieldOffset(0x14)] internal uint n_outputs_max;
    [FieldOffset(0x18)] internal uint n_outputs_max_per_seq;
    [FieldOffset(0x1c)] internal int n_threads;
    [FieldOffset(0x20)] internal int n_threads_batch;
    [FieldOffset(0x24)] internal int ctx_type;
    [FieldOffset(0x28)] internal int rope_scaling_type;
    [FieldOffset(0x2c)] internal int pooling_type;
    [FieldOffset(0x30)] internal int attention_type;
    [FieldOffset(0x34)] internal int flash_attn_type;
    [FieldOffset(0x38)] internal float rope_freq_base;
    [FieldOffset(0x3c)] internal float rope_freq_scale;
    [FieldOffset(0x40)] internal float yarn_ext_factor;
    [FieldOffset(0x44)] internal float yarn_attn_factor;
    [FieldOffset(0x48)] internal float yarn_beta_fast;
    [FieldOffset(0x4c)] internal float yarn_beta_slow;
    [FieldOffset(0x50)] internal uint yarn_orig_ctx;
    [FieldOffset(0x54)] internal float defrag_thold;
    [FieldOffset(0x58)] internal IntPtr cb_eval;
    [FieldOffset(0x60)] internal IntPtr cb_eval_user_data;
    [FieldOffset(0x68)] internal int type_k;
    [FieldOffset(0x6c)] internal int type_v;
    [FieldOffset(0x70)] internal IntPtr abort_callback;
    [FieldOffset(0x78)] internal IntPtr abort_callback_data;
    [FieldOffset(0x80)] internal byte embeddings_enabled; // C name: embeddings (renamed: a member may not differ from a property only by case)
    [FieldOffset(0x81)] internal byte offload_kqv;
    [FieldOffset(0x82)] internal byte no_perf;
    [FieldOffset(0x83)] internal byte op_offload;
    [FieldOffset(0x84)] internal byte swa_full;
    [FieldOffset(0x85)] internal byte kv_unified;
    [FieldOffset(0x88)] internal IntPtr samplers;
    [FieldOffset(0x90)] internal nuint n_samplers;
    [FieldOffset(0x98)] internal IntPtr ctx_other;

    /// <summary>The library's defaults (<c>llama_context_default_params</c>). Requires <see cref="LlamaRuntime.Initialize"/>.</summary>
    public static LlamaContextParams CreateDefault()
    {
        LlamaRuntime.EnsureInitialized();
        return Interop.NativeMethods.llama_context_default_params();
    }

    /// <summary>Context size in tokens, 0 = the model's trained context (default 512; the library rounds it up to a multiple of 256).</summary>
    public uint ContextSize { readonly get => n_ctx; set => n_ctx = value; }

    /// <summary>Largest batch that may be submitted to one decode (default 2048).</summary>
    public uint BatchSize { readonly get => n_batch; set => n_batch = value; }

    /// <summary>Physical batch size the graph is computed in (default 512).</summary>
    public uint MicroBatchSize { readonly get => n_ubatch; set => n_ubatch = value; }

    /// <summary>Number of distinct KV sequences (default 1).</summary>
    public uint MaxSequences { readonly get => n_seq_max; set => n_seq_max = value; }

    /// <summary>Largest number of outputs (logits rows) in one micro-batch, 0 = <see cref="BatchSize"/> (default 0).</summary>
    public uint MaxOutputs { readonly get => n_outputs_max; set => n_outputs_max = value; }

    /// <summary>Largest number of outputs per sequence in one micro-batch (default 1).</summary>
    public uint MaxOutputsPerSequence { readonly get => n_outputs_max_per_seq; set => n_outputs_max_per_seq = value; }

    /// <summary>Threads for single-token generation (library default 4: set it to the machine's cores).</summary>
    public int Threads { readonly get => n_threads; set => n_threads = value; }

    /// <summary>Threads for prompt and batch processing (library default 4).</summary>
    public int BatchThreads { readonly get => n_threads_batch; set => n_threads_batch = value; }

    /// <summary>Flash attention (default <see cref="LlamaFlashAttention.Auto"/>).</summary>
    public LlamaFlashAttention FlashAttention { readonly get => (LlamaFlashAttention)flash_attn_type; set => flash_attn_type = (int)value; }

    /// <summary>Pooling of embeddings per sequence (default <see cref="LlamaPoolingType.Unspecified"/>: the model's).</summary>
    public LlamaPoolingType PoolingType { readonly get => (LlamaPoolingType)pooling_type; set => pooling_type = (int)value; }

    /// <summary>Element type of the K cache (default <see cref="GgmlType.F16"/>).</summary>
    public GgmlType KeyCacheType { readonly get => (GgmlType)type_k; set => type_k = (int)value; }

    /// <summary>Element type of the V cache (default <see cref="GgmlType.F16"/>).</summary>
    public GgmlType ValueCacheType { readonly get => (GgmlType)type_v; set => type_v = (int)value; }

    /// <summary>Extract embeddings together with logits (default false).</summary>
    public bool Embeddings { readonly get => embeddings_enabled != 0; set => embeddings_enabled = value ? (byte)1 : (byte)0; }

    /// <summary>Keep the KV cache on the GPU when layers are offloaded (default true).</summary>
    public bool OffloadKqv { readonly get => offload_kqv != 0; set => offload_kqv = value ? (byte)1 : (byte)0; }

    /// <summary>Skip performance timing (default true).</summary>
    public bool NoPerformanceTimings { readonly get => no_perf != 0; set => no_perf = value ? (byte)1 : (byte)0; }

    /// <summary>One KV buffer shared by all sequences (default false: each sequence gets <c>n_ctx / n_seq_max</c> cells).</summary>
    public bool UnifiedKvCache { readonly get => kv_unified != 0; set => kv_unified = value ? (byte)1 : (byte)0; }
}
