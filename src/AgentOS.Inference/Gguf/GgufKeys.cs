namespace AgentOS.Inference.Gguf;

/// <summary>
/// Metadata keys this project reads or writes. Keys under an architecture's prefix are formatted from
/// it, e.g. <c>ContextLength("llama")</c> is <c>llama.context_length</c>.
/// </summary>
public static class GgufKeys
{
    /// <summary><c>general.architecture</c>: string naming the architecture, e.g. <c>llama</c>.</summary>
    public const string Architecture = "general.architecture";

    /// <summary><c>general.alignment</c>: UInt32 alignment of tensor data; 32 when absent.</summary>
    public const string Alignment = "general.alignment";

    /// <summary><c>general.name</c>: human-readable model name.</summary>
    public const string Name = "general.name";

    /// <summary><c>general.file_type</c>: UInt32 llama.cpp file type (0 all F32, 1 mostly F16, 2+ quantized).</summary>
    public const string FileType = "general.file_type";

    /// <summary><c>tokenizer.ggml.model</c>: tokenizer kind, <c>llama</c> for SentencePiece, <c>gpt2</c> for BPE.</summary>
    public const string TokenizerModel = "tokenizer.ggml.model";

    /// <summary><c>tokenizer.ggml.tokens</c>: string array, the vocabulary indexed by token id.</summary>
    public const string Tokens = "tokenizer.ggml.tokens";

    /// <summary><c>tokenizer.ggml.scores</c>: Float32 array, merge priority per token.</summary>
    public const string Scores = "tokenizer.ggml.scores";

    /// <summary><c>tokenizer.ggml.token_type</c>: Int32 array of <see cref="GgufTokenType"/> per token.</summary>
    public const string TokenTypes = "tokenizer.ggml.token_type";

    /// <summary><c>tokenizer.ggml.bos_token_id</c>: UInt32.</summary>
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";

    /// <summary><c>tokenizer.ggml.eos_token_id</c>: UInt32.</summary>
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";

    /// <summary><c>tokenizer.ggml.eot_token_id</c>: UInt32, end of turn.</summary>
    public const string EotTokenId = "tokenizer.ggml.eot_token_id";

    /// <summary><c>tokenizer.ggml.unknown_token_id</c>: UInt32.</summary>
    public const string UnknownTokenId = "tokenizer.ggml.unknown_token_id";

    /// <summary><c>tokenizer.ggml.padding_token_id</c>: UInt32.</summary>
    public const string PaddingTokenId = "tokenizer.ggml.padding_token_id";

    /// <summary><c>tokenizer.ggml.separator_token_id</c>: UInt32.</summary>
    public const string SeparatorTokenId = "tokenizer.ggml.separator_token_id";

    /// <summary><c>tokenizer.ggml.add_bos_token</c>: bool, whether tokenizing adds BOS.</summary>
    public const string AddBosToken = "tokenizer.ggml.add_bos_token";

    /// <summary><c>tokenizer.ggml.add_eos_token</c>: bool, whether tokenizing adds EOS.</summary>
    public const string AddEosToken = "tokenizer.ggml.add_eos_token";

    /// <summary><c>tokenizer.ggml.add_space_prefix</c>: bool; llama.cpp's SentencePiece tokenizer defaults it to true.</summary>
    public const string AddSpacePrefix = "tokenizer.ggml.add_space_prefix";

    /// <summary><c>tokenizer.chat_template</c>: Jinja chat template.</summary>
    public const string ChatTemplate = "tokenizer.chat_template";

    /// <summary><c>{arch}.context_length</c>: trained context length.</summary>
    public static string ContextLength(string architecture) => architecture + ".context_length";

    /// <summary><c>{arch}.embedding_length</c>: n_embd.</summary>
    public static string EmbeddingLength(string architecture) => architecture + ".embedding_length";

    /// <summary><c>{arch}.block_count</c>: number of layers.</summary>
    public static string BlockCount(string architecture) => architecture + ".block_count";

    /// <summary><c>{arch}.feed_forward_length</c>: n_ff.</summary>
    public static string FeedForwardLength(string architecture) => architecture + ".feed_forward_length";

    /// <summary><c>{arch}.attention.head_count</c>: query heads.</summary>
    public static string HeadCount(string architecture) => architecture + ".attention.head_count";

    /// <summary><c>{arch}.attention.head_count_kv</c>: key/value heads (grouped-query attention).</summary>
    public static string HeadCountKv(string architecture) => architecture + ".attention.head_count_kv";

    /// <summary><c>{arch}.attention.layer_norm_rms_epsilon</c>: RMS norm epsilon.</summary>
    public static string RmsNormEpsilon(string architecture) => architecture + ".attention.layer_norm_rms_epsilon";

    /// <summary><c>{arch}.rope.dimension_count</c>: rotary dimensions per head.</summary>
    public static string RopeDimensionCount(string architecture) => architecture + ".rope.dimension_count";

    /// <summary><c>{arch}.rope.freq_base</c>: rotary frequency base.</summary>
    public static string RopeFreqBase(string architecture) => architecture + ".rope.freq_base";

    /// <summary><c>{arch}.vocab_size</c>: vocabulary size.</summary>
    public static string VocabSize(string architecture) => architecture + ".vocab_size";
}
