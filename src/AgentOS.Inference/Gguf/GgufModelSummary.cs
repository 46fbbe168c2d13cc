using System.Globalization;

namespace AgentOS.Inference.Gguf;

/// <summary>What a user wants to know about a model file, read from its GGUF metadata and tensor table.</summary>
public sealed record GgufModelSummary
{
    /// <summary><c>general.architecture</c>, or null when missing.</summary>
    public string? Architecture { get; init; }

    /// <summary><c>general.name</c>, or null when missing.</summary>
    public string? Name { get; init; }

    /// <summary>Total number of tensor elements: the model's parameter count.</summary>
    public long ParameterCount { get; init; }

    /// <summary>Trained context length (<c>{arch}.context_length</c>), or null when missing.</summary>
    public long? ContextLength { get; init; }

    /// <summary><c>{arch}.embedding_length</c>, or null when missing.</summary>
    public long? EmbeddingLength { get; init; }

    /// <summary><c>{arch}.block_count</c>, or null when missing.</summary>
    public long? BlockCount { get; init; }

    /// <summary>Number of tokens in <c>tokenizer.ggml.tokens</c>, or null when there is no vocabulary.</summary>
    public int? VocabularySize { get; init; }

    /// <summary><c>tokenizer.ggml.model</c> (<c>llama</c> = SentencePiece, <c>gpt2</c> = BPE, …), or null when missing.</summary>
    public string? TokenizerModel { get; init; }

    /// <summary>Control and user-defined tokens and those named by special-token ids, by id.</summary>
    public IReadOnlyList<GgufSpecialToken> SpecialTokens { get; init; } = [];

    /// <summary>The Jinja chat template (<c>tokenizer.chat_template</c>), or null when the file has none.</summary>
    public string? ChatTemplate { get; init; }

    /// <summary>
    /// The weights' type as llama.cpp names it (<c>F32</c>, <c>F16</c>, <c>Q4_K_M</c>, …), from
    /// <c>general.file_type</c>, or from the most common matrix type when that key is missing.
    /// </summary>
    public required string FileType { get; init; }

    /// <summary>Number of tensors.</summary>
    public int TensorCount { get; init; }

    /// <summary>File size in bytes.</summary>
    public long FileSize { get; init; }

    /// <summary>Summarises <paramref name="file"/>.</summary>
    /// <exception cref="GgufFormatException">A key this summary reads has the wrong type, or a token id is out of range.</exception>
    public static GgufModelSummary From(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var metadata = file.Metadata;
        var architecture = metadata.GetString(GgufKeys.Architecture);
        var tokens = metadata.GetArray<string>(GgufKeys.Tokens);
        return new GgufModelSummary
        {
            Architecture = architecture,
            Name = metadata.GetString(GgufKeys.Name),
            ParameterCount = file.Tensors.Sum(t => t.ElementCount),
            ContextLength = architecture is null ? null : metadata.GetInteger(GgufKeys.ContextLength(architecture)),
            EmbeddingLength = architecture is null ? null : metadata.GetInteger(GgufKeys.EmbeddingLength(architecture)),
            BlockCount = architecture is null ? null : metadata.GetInteger(GgufKeys.BlockCount(architecture)),
            VocabularySize = tokens?.Count,
            TokenizerModel = metadata.GetString(GgufKeys.TokenizerModel),
            SpecialTokens = tokens is null ? [] : FindSpecialTokens(metadata, tokens),
            ChatTemplate = metadata.GetString(GgufKeys.ChatTemplate),
            FileType = DescribeFileType(file),
            TensorCount = file.Tensors.Count,
            FileSize = file.Length,
        };
    }

    private static List<GgufSpecialToken> FindSpecialTokens(GgufMetadata metadata, IReadOnlyList<string> tokens)
    {
        var types = metadata.GetArray<int>(GgufKeys.TokenTypes);
        if (types is not null && types.Count != tokens.Count)
        {
            throw new GgufFormatException($"The file has {tokens.Count} tokens but {types.Count} token types.");
        }

        var roles = new SortedDictionary<int, List<string>>();
        foreach (var (key, role) in new[]
                 {
                     (GgufKeys.BosTokenId, "bos"), (GgufKeys.EosTokenId, "eos"), (GgufKeys.EotTokenId, "eot"),
                     (GgufKeys.UnknownTokenId, "unknown"), (GgufKeys.PaddingTokenId, "padding"), (GgufKeys.SeparatorTokenId, "separator"),
                 })
        {
            var id = metadata.GetInteger(key);
            if (id is null || id == -1)
            {
                continue;
            }

            if (id < 0 || id >= tokens.Count)
            {
                throw new GgufFormatException($"Metadata key '{key}' names token {id}, outside the vocabulary of {tokens.Count} tokens.");
            }

            if (!roles.TryGetValue((int)id, out var list))
            {
                roles[(int)id] = list = [];
            }

            list.Add(role);
        }

        var special = new List<GgufSpecialToken>();
        for (var id = 0; id < tokens.Count; id++)
        {
            var type = types is null ? GgufTokenType.Undefined : (GgufTokenType)types[id];
            var hasRole = roles.TryGetValue(id, out var tokenRoles);
            if (hasRole || type is GgufTokenType.Control or GgufTokenType.UserDefined)
            {
                special.Add(new GgufSpecialToken(id, tokens[id], type, tokenRoles ?? []));
            }
        }

        return special;
    }

    private static string DescribeFileType(GgufFile file)
    {
        var fileType = file.Metadata.GetInteger(GgufKeys.FileType);
        if (fileType is not null)
        {
            return FileTypeName(fileType.Value) ?? string.Create(CultureInfo.InvariantCulture, $"unknown ({fileType})");
        }

        // No key: the type holding the most matrix bytes is what llama.cpp would call the file.
        var majority = file.Tensors
            .Where(t => t.Dimensions.Count >= 2)
            .GroupBy(t => t.Type)
            .OrderByDescending(g => g.Sum(t => t.ByteSize))
            .Select(g => (GgufTensorType?)g.Key)
            .FirstOrDefault();
        return majority is null ? "unknown" : $"{majority} (from the tensors; general.file_type is missing)";
    }

    // llama.cpp's llama_ftype numbers; the gaps are types it removed.
    private static string? FileTypeName(long fileType) => fileType switch
    {
        0 => "F32",
        1 => "F16",
        2 => "Q4_0",
        3 => "Q4_1",
        4 => "Q4_1_SOME_F16",
        7 => "Q8_0",
        8 => "Q5_0",
        9 => "Q5_1",
        10 => "Q2_K",
        11 => "Q3_K_S",
        12 => "Q3_K_M",
        13 => "Q3_K_L",
        14 => "Q4_K_S",
        15 => "Q4_K_M",
        16 => "Q5_K_S",
        17 => "Q5_K_M",
        18 => "Q6_K",
        19 => "IQ2_XXS",
        20 => "IQ2_XS",
        21 => "Q2_K_S",
        22 => "IQ3_XS",
        23 => "IQ3_XXS",
        24 => "IQ1_S",
        25 => "IQ4_NL",
        26 => "IQ3_S",
        27 => "IQ3_M",
        28 => "IQ2_S",
        29 => "IQ2_M",
        30 => "IQ4_XS",
        31 => "IQ1_M",
        32 => "BF16",
        36 => "TQ1_0",
        37 => "TQ2_0",
        38 => "MXFP4_MOE",
        _ => null,
    };
}
