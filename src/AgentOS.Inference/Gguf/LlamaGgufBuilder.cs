namespace AgentOS.Inference.Gguf;

/// <summary>
/// Writes a llama-architecture GGUF that llama.cpp loads: the hyperparameters, the vocabulary and its
/// special tokens, an optional chat template, and every weight tensor given as row-major floats.
/// </summary>
/// <remarks>
/// <para>
/// Weights are given the way a trainer holds them: a matrix of R rows and C columns as R·C floats,
/// row after row, computing y = W·x for an input x of C values (PyTorch's <c>Linear.weight</c> layout).
/// <see cref="GetShape"/> gives each tensor's (rows, columns). ggml lists dimensions fastest first, so
/// the file records such a matrix as <c>[C, R]</c>; the bytes are the same, and the builder writes the
/// dimensions. Norm gains are vectors of n_embd.
/// </para>
/// <para>
/// Rotary positions: llama.cpp rotates dimension pairs (2i, 2i+1) of each query and key head (see
/// <see cref="LlamaRopeLayout"/>). The rows of <see cref="LlamaTensor.AttentionQuery"/> and
/// <see cref="LlamaTensor.AttentionKey"/> must already be in that interleaved order; convert weights
/// trained with rotate-half pairing with <see cref="LlamaRopeLayout.HalvesToInterleaved"/> first.
/// </para>
/// <para>
/// Every tensor must be set before writing, <see cref="LlamaTensor.Output"/> included: llama.cpp ties a
/// missing output head to the token embeddings, which its trainer never updates.
/// </para>
/// </remarks>
public sealed class LlamaGgufBuilder
{
    private const string Architecture = "llama";

    private readonly Dictionary<string, ReadOnlyMemory<float>> _weights = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, GgufValue>> _extraMetadata = [];
    private GgufTensorType _matrixType = GgufTensorType.F32;

    /// <summary>Creates a builder for a model of this shape and vocabulary.</summary>
    /// <exception cref="ArgumentException">The hyperparameters or the vocabulary's special-token ids are inconsistent.</exception>
    public LlamaGgufBuilder(LlamaHyperparameters hyperparameters, LlamaGgufVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        ArgumentNullException.ThrowIfNull(vocabulary);
        hyperparameters.Validate();
        vocabulary.Validate();
        Hyperparameters = hyperparameters;
        Vocabulary = vocabulary;
    }

    /// <summary>The model's shape.</summary>
    public LlamaHyperparameters Hyperparameters { get; }

    /// <summary>The model's vocabulary.</summary>
    public LlamaGgufVocabulary Vocabulary { get; }

    /// <summary>The model's name (<c>general.name</c>), or null to write none. Default null.</summary>
    public string? Name { get; set; }

    /// <summary>The Jinja chat template (<c>tokenizer.chat_template</c>), or null to write none. Default null.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>
    /// Storage type of the matrices: F32 (default), F16 or BF16. Norm gains always stay F32, as
    /// llama.cpp's converter keeps them.
    /// </summary>
    public GgufTensorType MatrixType
    {
        get => _matrixType;
        set => _matrixType = value is GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.BF16
            ? value
            : throw new ArgumentException($"Matrices can be stored as F32, F16 or BF16, not {value}.", nameof(value));
    }

    /// <summary>Total number of weights of the model.</summary>
    public long ParameterCount
    {
        get
        {
            long total = 0;
            foreach (var tensor in Enum.GetValues<LlamaTensor>())
            {
                var (rows, columns) = GetShape(tensor);
                total += (long)rows * columns * (LlamaTensorNames.IsPerBlock(tensor) ? Hyperparameters.BlockCount : 1);
            }

            return total;
        }
    }

    /// <summary>
    /// The row-major shape of <paramref name="tensor"/>: (rows, columns) of a matrix, (1, n) of a norm gain.
    /// </summary>
    public (int Rows, int Columns) GetShape(LlamaTensor tensor)
    {
        var h = Hyperparameters;
        var queryWidth = h.HeadCount * h.HeadLength;
        var keyValueWidth = h.HeadCountKv * h.HeadLength;
        return tensor switch
        {
            LlamaTensor.TokenEmbedding or LlamaTensor.Output => (Vocabulary.Count, h.EmbeddingLength),
            LlamaTensor.OutputNorm or LlamaTensor.AttentionNorm or LlamaTensor.FeedForwardNorm => (1, h.EmbeddingLength),
            LlamaTensor.AttentionQuery => (queryWidth, h.EmbeddingLength),
            LlamaTensor.AttentionKey or LlamaTensor.AttentionValue => (keyValueWidth, h.EmbeddingLength),
            LlamaTensor.AttentionOutput => (h.EmbeddingLength, queryWidth),
            LlamaTensor.FeedForwardGate or LlamaTensor.FeedForwardUp => (h.FeedForwardLength, h.EmbeddingLength),
            LlamaTensor.FeedForwardDown => (h.EmbeddingLength, h.FeedForwardLength),
            _ => throw new ArgumentOutOfRangeException(nameof(tensor), tensor, "Unknown llama tensor."),
        };
    }

    /// <summary>Sets a model-level tensor (token embedding, output norm, output head). The array is not copied.</summary>
    /// <exception cref="ArgumentException">The tensor exists per block, or the value count does not match its shape.</exception>
    public void SetTensor(LlamaTensor tensor, ReadOnlyMemory<float> values) => Set(LlamaTensorNames.Of(tensor), tensor, values);

    /// <summary>Sets a tensor of block <paramref name="block"/>. The array is not copied.</summary>
    /// <exception cref="ArgumentException">The tensor exists once per model, or the value count does not match its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The block does not exist.</exception>
    public void SetTensor(int block, LlamaTensor tensor, ReadOnlyMemory<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, Hyperparameters.BlockCount);
        Set(LlamaTensorNames.Of(block, tensor), tensor, values);
    }

    /// <summary>
    /// Adds a metadata entry beyond the ones the builder writes (e.g. <c>general.description</c>); it is
    /// written after them.
    /// </summary>
    public void SetMetadata(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _extraMetadata.RemoveAll(e => e.Key == key);
        _extraMetadata.Add(new(key, value));
    }

    /// <summary>Writes the model to <paramref name="path"/> (atomically, through a temporary file).</summary>
    /// <exception cref="InvalidOperationException">A tensor was not set; the message lists the missing ones.</exception>
    public void WriteTo(string path) => CreateWriter().WriteTo(path);

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">A tensor was not set; the message lists the missing ones.</exception>
    public void WriteTo(Stream stream) => CreateWriter().WriteTo(stream);

    private void Set(string name, LlamaTensor tensor, ReadOnlyMemory<float> values)
    {
        var (rows, columns) = GetShape(tensor);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{name} holds {rows}×{columns} = {(long)rows * columns} values, not {values.Length}.", nameof(values));
        }

        _weights[name] = values;
    }

    private GgufWriter CreateWriter()
    {
        var required = RequiredTensors().ToList();
        var missing = required.Where(t => !_weights.ContainsKey(t.Name)).Select(t => t.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Tensors not set: {string.Join(", ", missing)}.");
        }

        var writer = new GgufWriter();
        WriteMetadata(writer);
        foreach (var (name, tensor) in required)
        {
            var (rows, columns) = GetShape(tensor);
            var isVector = tensor is LlamaTensor.OutputNorm or LlamaTensor.AttentionNorm or LlamaTensor.FeedForwardNorm;
            long[] dimensions = isVector ? [columns] : [columns, rows];
            writer.AddTensor(name, dimensions, _weights[name], isVector ? GgufTensorType.F32 : MatrixType);
        }

        return writer;
    }

    private IEnumerable<(string Name, LlamaTensor Tensor)> RequiredTensors()
    {
        yield return (LlamaTensorNames.Of(LlamaTensor.TokenEmbedding), LlamaTensor.TokenEmbedding);
        for (var block = 0; block < Hyperparameters.BlockCount; block++)
        {
            foreach (var tensor in Enum.GetValues<LlamaTensor>().Where(LlamaTensorNames.IsPerBlock))
            {
                yield return (LlamaTensorNames.Of(block, tensor), tensor);
            }
        }

        yield return (LlamaTensorNames.Of(LlamaTensor.OutputNorm), LlamaTensor.OutputNorm);
        yield return (LlamaTensorNames.Of(LlamaTensor.Output), LlamaTensor.Output);
    }

    private void WriteMetadata(GgufWriter writer)
    {
        var h = Hyperparameters;
        var v = Vocabulary;

        // Counts and ids are UInt32, epsilons and bases Float32, flags Bool: llama.cpp checks the exact
        // type of each key it reads and rejects a model whose key has another.
        writer.SetMetadata(GgufKeys.Architecture, GgufValue.From(Architecture));
        if (Name is not null)
        {
            writer.SetMetadata(GgufKeys.Name, GgufValue.From(Name));
        }

        writer.SetMetadata(GgufKeys.FileType, GgufValue.From(MatrixType switch
        {
            GgufTensorType.F16 => 1u,
            GgufTensorType.BF16 => 32u,
            _ => 0u,
        }));
        writer.SetMetadata(GgufKeys.VocabSize(Architecture), GgufValue.From((uint)v.Count));
        writer.SetMetadata(GgufKeys.ContextLength(Architecture), GgufValue.From((uint)h.ContextLength));
        writer.SetMetadata(GgufKeys.EmbeddingLength(Architecture), GgufValue.From((uint)h.EmbeddingLength));
        writer.SetMetadata(GgufKeys.BlockCount(Architecture), GgufValue.From((uint)h.BlockCount));
        writer.SetMetadata(GgufKeys.FeedForwardLength(Architecture), GgufValue.From((uint)h.FeedForwardLength));
        writer.SetMetadata(GgufKeys.HeadCount(Architecture), GgufValue.From((uint)h.HeadCount));
        writer.SetMetadata(GgufKeys.HeadCountKv(Architecture), GgufValue.From((uint)h.HeadCountKv));
        writer.SetMetadata(GgufKeys.RopeDimensionCount(Architecture), GgufValue.From((uint)h.HeadLength));
        writer.SetMetadata(GgufKeys.RopeFreqBase(Architecture), GgufValue.From(h.RopeFreqBase));
        writer.SetMetadata(GgufKeys.RmsNormEpsilon(Architecture), GgufValue.From(h.RmsNormEpsilon));

        writer.SetMetadata(GgufKeys.TokenizerModel, GgufValue.From("llama"));
        writer.SetMetadata(GgufKeys.Tokens, GgufValue.From(v.Tokens));
        writer.SetMetadata(GgufKeys.Scores, GgufValue.From(v.Scores));
        writer.SetMetadata(GgufKeys.TokenTypes, GgufValue.From(v.TokenTypes.Select(t => (int)t)));
        writer.SetMetadata(GgufKeys.UnknownTokenId, GgufValue.From((uint)v.UnknownTokenId));
        writer.SetMetadata(GgufKeys.BosTokenId, GgufValue.From((uint)v.BosTokenId));
        writer.SetMetadata(GgufKeys.EosTokenId, GgufValue.From((uint)v.EosTokenId));
        if (v.EotTokenId is { } eot)
        {
            writer.SetMetadata(GgufKeys.EotTokenId, GgufValue.From((uint)eot));
        }

        if (v.PaddingTokenId is { } pad)
        {
            writer.SetMetadata(GgufKeys.PaddingTokenId, GgufValue.From((uint)pad));
        }

        writer.SetMetadata(GgufKeys.AddBosToken, GgufValue.From(v.AddBos));
        writer.SetMetadata(GgufKeys.AddEosToken, GgufValue.From(v.AddEos));
        writer.SetMetadata(GgufKeys.AddSpacePrefix, GgufValue.From(v.AddSpacePrefix));
        if (ChatTemplate is not null)
        {
            writer.SetMetadata(GgufKeys.ChatTemplate, GgufValue.From(ChatTemplate));
        }

        foreach (var (key, value) in _extraMetadata)
        {
            writer.SetMetadata(key, value);
        }
    }
}
