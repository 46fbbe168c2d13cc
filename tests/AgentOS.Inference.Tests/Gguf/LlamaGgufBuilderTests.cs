using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

public sealed class LlamaGgufBuilderTests
{
    private static readonly LlamaHyperparameters Shape = new()
    {
        EmbeddingLength = 8,
        BlockCount = 2,
        HeadCount = 2,
        HeadCountKv = 1,
        FeedForwardLength = 12,
        ContextLength = 256,
        RopeFreqBase = 5000f,
        RmsNormEpsilon = 1e-6f,
    };

    [Fact]
    public void WriteTo_Metadata_HasEveryKeyLlamaCppReadsWithTheTypeItExpects()
    {
        var builder = FilledBuilder();
        builder.Name = "unit";
        builder.ChatTemplate = GgufChatTemplates.ChatML;

        var m = Write(builder).Metadata;

        AssertValue(m, "general.architecture", GgufValueType.String, "llama");
        AssertValue(m, "general.name", GgufValueType.String, "unit");
        AssertValue(m, "general.file_type", GgufValueType.UInt32, 0u);
        AssertValue(m, "llama.vocab_size", GgufValueType.UInt32, (uint)builder.Vocabulary.Count);
        AssertValue(m, "llama.context_length", GgufValueType.UInt32, 256u);
        AssertValue(m, "llama.embedding_length", GgufValueType.UInt32, 8u);
        AssertValue(m, "llama.block_count", GgufValueType.UInt32, 2u);
        AssertValue(m, "llama.feed_forward_length", GgufValueType.UInt32, 12u);
        AssertValue(m, "llama.attention.head_count", GgufValueType.UInt32, 2u);
        AssertValue(m, "llama.attention.head_count_kv", GgufValueType.UInt32, 1u);
        AssertValue(m, "llama.rope.dimension_count", GgufValueType.UInt32, 4u);
        AssertValue(m, "llama.rope.freq_base", GgufValueType.Float32, 5000f);
        AssertValue(m, "llama.attention.layer_norm_rms_epsilon", GgufValueType.Float32, 1e-6f);
        AssertValue(m, "tokenizer.ggml.model", GgufValueType.String, "llama");
        AssertValue(m, "tokenizer.ggml.unknown_token_id", GgufValueType.UInt32, 0u);
        AssertValue(m, "tokenizer.ggml.bos_token_id", GgufValueType.UInt32, 1u);
        AssertValue(m, "tokenizer.ggml.eos_token_id", GgufValueType.UInt32, 2u);
        AssertValue(m, "tokenizer.ggml.add_bos_token", GgufValueType.Bool, false);
        AssertValue(m, "tokenizer.ggml.add_eos_token", GgufValueType.Bool, false);
        AssertValue(m, "tokenizer.ggml.add_space_prefix", GgufValueType.Bool, false);
        AssertValue(m, "tokenizer.chat_template", GgufValueType.String, GgufChatTemplates.ChatML);
        Assert.Equal(builder.Vocabulary.Tokens, m.GetArray<string>("tokenizer.ggml.tokens"));
        Assert.Equal(builder.Vocabulary.Scores, m.GetArray<float>("tokenizer.ggml.scores"));
        Assert.Equal(builder.Vocabulary.TokenTypes.Select(t => (int)t), m.GetArray<int>("tokenizer.ggml.token_type"));
        Assert.False(m.ContainsKey("tokenizer.ggml.eot_token_id"));
        Assert.False(m.ContainsKey("tokenizer.ggml.padding_token_id"));
    }

    [Fact]
    public void WriteTo_OptionalIds_AreWrittenWhenSet()
    {
        var vocabulary = Vocabulary() with { EotTokenId = 5, PaddingTokenId = 0, AddBos = true };
        var builder = Fill(new LlamaGgufBuilder(Shape, vocabulary));

        var m = Write(builder).Metadata;

        AssertValue(m, "tokenizer.ggml.eot_token_id", GgufValueType.UInt32, 5u);
        AssertValue(m, "tokenizer.ggml.padding_token_id", GgufValueType.UInt32, 0u);
        AssertValue(m, "tokenizer.ggml.add_bos_token", GgufValueType.Bool, true);
    }

    [Fact]
    public void WriteTo_Tensors_AreNamedForLlamaCppWithColumnsAsTheFirstDimension()
    {
        var builder = FilledBuilder();
        var vocab = builder.Vocabulary.Count;

        var file = Write(builder);

        Dims(file, "token_embd.weight", 8, vocab);
        Dims(file, "output_norm.weight", 8);
        Dims(file, "output.weight", 8, vocab);
        for (var block = 0; block < 2; block++)
        {
            Dims(file, $"blk.{block}.attn_norm.weight", 8);
            Dims(file, $"blk.{block}.attn_q.weight", 8, 8);
            Dims(file, $"blk.{block}.attn_k.weight", 8, 4);
            Dims(file, $"blk.{block}.attn_v.weight", 8, 4);
            Dims(file, $"blk.{block}.attn_output.weight", 8, 8);
            Dims(file, $"blk.{block}.ffn_norm.weight", 8);
            Dims(file, $"blk.{block}.ffn_gate.weight", 8, 12);
            Dims(file, $"blk.{block}.ffn_up.weight", 8, 12);
            Dims(file, $"blk.{block}.ffn_down.weight", 12, 8);
        }

        Assert.Equal(3 + (2 * 9), file.Tensors.Count);
        Assert.Equal(builder.ParameterCount, file.Tensors.Sum(t => t.ElementCount));
    }

    [Fact]
    public void WriteTo_Values_ReadBackRowMajor()
    {
        var builder = FilledBuilder();
        var down = Sequence(8 * 12, 1000);
        builder.SetTensor(1, LlamaTensor.FeedForwardDown, down);

        var file = Write(builder, out var bytes);
        using var stream = new MemoryStream(bytes);
        var read = file.ReadTensorAsSingles(stream, file.FindTensor("blk.1.ffn_down.weight")!);

        // Row r (of n_embd rows), column c (of n_ff): element [r * n_ff + c], ggml's ne = [n_ff, n_embd].
        Assert.Equal(down, read);
        Assert.Equal(down[(3 * 12) + 5], read[(3 * 12) + 5]);
    }

    [Fact]
    public void WriteTo_F16Matrices_StoresMatricesAsF16AndNormsAsF32()
    {
        var builder = FilledBuilder();
        builder.MatrixType = GgufTensorType.F16;

        var file = Write(builder);

        Assert.Equal(1, file.Metadata.GetInteger("general.file_type"));
        Assert.All(file.Tensors, t => Assert.Equal(t.Dimensions.Count == 1 ? GgufTensorType.F32 : GgufTensorType.F16, t.Type));
    }

    [Fact]
    public void WriteTo_MissingTensors_ThrowsListingThem()
    {
        var partial = new LlamaGgufBuilder(Shape, Vocabulary());
        partial.SetTensor(LlamaTensor.TokenEmbedding, new float[partial.GetShape(LlamaTensor.TokenEmbedding).Rows * 8]);

        var ex = Assert.Throws<InvalidOperationException>(() => partial.WriteTo(new MemoryStream()));

        Assert.Contains("output.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("blk.1.ffn_down.weight", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token_embd.weight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTensor_WrongValueCount_Throws()
    {
        var builder = new LlamaGgufBuilder(Shape, Vocabulary());

        var ex = Assert.Throws<ArgumentException>(() => builder.SetTensor(0, LlamaTensor.AttentionKey, new float[8 * 8]));

        Assert.Contains("blk.0.attn_k.weight holds 4×8 = 32 values, not 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTensor_PerBlockTensorWithoutBlock_Throws() =>
        Assert.Throws<ArgumentException>(() => new LlamaGgufBuilder(Shape, Vocabulary()).SetTensor(LlamaTensor.AttentionQuery, new float[64]));

    [Fact]
    public void SetTensor_ModelTensorWithBlock_Throws() =>
        Assert.Throws<ArgumentException>(() => new LlamaGgufBuilder(Shape, Vocabulary()).SetTensor(0, LlamaTensor.OutputNorm, new float[8]));

    [Fact]
    public void SetTensor_BlockOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LlamaGgufBuilder(Shape, Vocabulary()).SetTensor(2, LlamaTensor.AttentionNorm, new float[8]));

    [Fact]
    public void MatrixType_Quantized_Throws() =>
        Assert.Throws<ArgumentException>(() => new LlamaGgufBuilder(Shape, Vocabulary()).MatrixType = GgufTensorType.Q4_0);

    [Theory]
    [InlineData(8, 3, 1, "does not divide EmbeddingLength")]
    [InlineData(8, 4, 3, "does not divide HeadCount")]
    [InlineData(6, 2, 1, "must be even")]
    [InlineData(0, 2, 1, "EmbeddingLength must be positive")]
    public void Constructor_InconsistentShape_Throws(int embedding, int heads, int kvHeads, string expected)
    {
        var shape = Shape with { EmbeddingLength = embedding, HeadCount = heads, HeadCountKv = kvHeads };

        var ex = Assert.Throws<ArgumentException>(() => new LlamaGgufBuilder(shape, Vocabulary()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SpecialIdOutsideVocabulary_Throws()
    {
        var vocabulary = Vocabulary() with { EotTokenId = 10_000 };

        var ex = Assert.Throws<ArgumentException>(() => new LlamaGgufBuilder(Shape, vocabulary));

        Assert.Contains("EotTokenId 10000 is outside the vocabulary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetMetadata_ExtraKey_IsWritten()
    {
        var builder = FilledBuilder();
        builder.SetMetadata("general.description", GgufValue.From("test"));

        Assert.Equal("test", Write(builder).Metadata.GetString("general.description"));
    }

    private static LlamaGgufVocabulary Vocabulary() => LlamaGgufVocabulary.CreateByteLevel(["a", "b"], ["<|im_end|>"]);

    private static LlamaGgufBuilder FilledBuilder() => Fill(new LlamaGgufBuilder(Shape, Vocabulary()));

    private static LlamaGgufBuilder Fill(LlamaGgufBuilder builder)
    {
        var seed = 0;
        foreach (var tensor in Enum.GetValues<LlamaTensor>())
        {
            var (rows, columns) = builder.GetShape(tensor);
            if (LlamaTensorNames.IsPerBlock(tensor))
            {
                for (var block = 0; block < builder.Hyperparameters.BlockCount; block++)
                {
                    builder.SetTensor(block, tensor, Sequence(rows * columns, seed++));
                }
            }
            else
            {
                builder.SetTensor(tensor, Sequence(rows * columns, seed++));
            }
        }

        return builder;
    }

    private static float[] Sequence(int length, int seed) => Enumerable.Range(0, length).Select(i => (seed * 0.5f) + (i * 0.25f)).ToArray();

    private static GgufFile Write(LlamaGgufBuilder builder) => Write(builder, out _);

    private static GgufFile Write(LlamaGgufBuilder builder, out byte[] bytes)
    {
        using var stream = new MemoryStream();
        builder.WriteTo(stream);
        bytes = stream.ToArray();
        return GgufFile.Read(new MemoryStream(bytes));
    }

    private static void AssertValue(GgufMetadata metadata, string key, GgufValueType type, object expected)
    {
        Assert.True(metadata.ContainsKey(key), $"missing {key}");
        Assert.Equal(type, metadata[key].Type);
        Assert.Equal(expected, metadata[key].RawValue);
    }

    private static void Dims(GgufFile file, string name, params long[] dimensions) =>
        Assert.Equal(dimensions, file.FindTensor(name)?.Dimensions ?? throw new Xunit.Sdk.XunitException($"no tensor {name}"));
}
