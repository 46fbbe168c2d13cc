using AgentOS.Inference.Gguf;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Model;

/// <summary>
/// Writes a trained <see cref="Transformer"/> as a llama GGUF through <see cref="LlamaGgufBuilder"/>.
/// The weights go out as they are: the model is born in llama.cpp's layout (row-major [out × in]
/// matrices, interleaved rotary pairs), so no transpose and no q/k permutation is needed.
/// </summary>
internal static class GgufExport
{
    /// <summary>The GGUF hyperparameters of <paramref name="config"/>.</summary>
    public static LlamaHyperparameters Hyperparameters(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new LlamaHyperparameters
        {
            EmbeddingLength = config.Dim,
            BlockCount = config.Layers,
            HeadCount = config.Heads,
            HeadCountKv = config.Heads,
            FeedForwardLength = config.FfnDim,
            ContextLength = config.ContextLength,
            RopeFreqBase = config.RopeFreqBase,
            RmsNormEpsilon = config.NormEps,
        };
    }

    /// <summary>
    /// A builder holding every tensor of <paramref name="model"/> with <paramref name="vocabulary"/>
    /// (whose size must be the model's) and <paramref name="chatTemplate"/>; set further metadata on it, then write.
    /// The builder references the model's weights: write before training on.
    /// </summary>
    public static LlamaGgufBuilder CreateBuilder(Transformer model, LlamaGgufVocabulary vocabulary, string? chatTemplate, string? name)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Count != model.Config.VocabSize)
        {
            throw new ArgumentException($"The vocabulary has {vocabulary.Count} tokens; the model was trained for {model.Config.VocabSize}.", nameof(vocabulary));
        }

        var builder = new LlamaGgufBuilder(Hyperparameters(model.Config), vocabulary) { ChatTemplate = chatTemplate, Name = name };
        var layout = model.Layout;
        ReadOnlyMemory<float> Slice(string tensorName)
        {
            var tensor = layout[tensorName];
            return model.Weights.AsMemory(tensor.Offset, tensor.Length);
        }

        builder.SetTensor(LlamaTensor.TokenEmbedding, Slice(LlamaTensorNames.Of(LlamaTensor.TokenEmbedding)));
        builder.SetTensor(LlamaTensor.OutputNorm, Slice(LlamaTensorNames.Of(LlamaTensor.OutputNorm)));
        // A tied head is written out as its own copy of the embedding: every llama.cpp build reads output.weight.
        builder.SetTensor(LlamaTensor.Output, model.Weights.AsMemory(layout.Output.Offset, layout.Output.Length));
        for (int block = 0; block < model.Config.Layers; block++)
        {
            foreach (var tensor in Enum.GetValues<LlamaTensor>().Where(LlamaTensorNames.IsPerBlock))
            {
                builder.SetTensor(block, tensor, Slice(LlamaTensorNames.Of(block, tensor)));
            }
        }

        return builder;
    }

    /// <summary>
    /// The GGUF form of the project's tokenizer vocabulary: same tokens, scores and types; BOS added in front
    /// (the transcript encoder trains with BOS first, and the kernel adds it when the GGUF asks for it); no
    /// space prefix (as <see cref="SpmTokenizer"/> tokenizes); <c>&lt;|im_end|&gt;</c> ends a turn.
    /// </summary>
    public static LlamaGgufVocabulary ToGguf(Vocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new LlamaGgufVocabulary(vocabulary.Tokens, vocabulary.Scores, [.. vocabulary.Types.Select(t => (GgufTokenType)(int)t)])
        {
            UnknownTokenId = Vocabulary.UnknownId,
            BosTokenId = Vocabulary.BosId,
            EosTokenId = Vocabulary.EosId,
            EotTokenId = vocabulary.ImEndId,
            AddBos = true,
            AddEos = false,
            AddSpacePrefix = false,
        };
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (atomically) with F32 matrices.</summary>
    public static void Write(Transformer model, LlamaGgufVocabulary vocabulary, string? chatTemplate, string? name, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CreateBuilder(model, vocabulary, chatTemplate, name).WriteTo(path);
    }
}
