using AgentOS.Inference;
using AgentOS.Kernel.Runs;
using AgentOS.Native;

namespace AgentOS.Kernel.Engine;

/// <summary>The kernel's view of a llama.cpp vocabulary.</summary>
public sealed class LlamaAgentVocabulary : IAgentVocabulary
{
    private readonly LlamaTokenizer _tokenizer;

    /// <summary>Wraps the tokenizer of <paramref name="model"/>.</summary>
    public LlamaAgentVocabulary(LlamaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _tokenizer = model.Tokenizer;
        StartToken = WantsBos(model.Metadata) ? _tokenizer.Bos : null;
    }

    /// <summary>The model's BOS when its GGUF asks for one (<c>tokenizer.ggml.add_bos_token</c>), else null.</summary>
    public int? StartToken { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> Tokenize(string text, bool parseSpecial) => _tokenizer.Tokenize(text, addBos: false, parseSpecial);

    /// <inheritdoc />
    public bool IsEndOfGeneration(int token) => _tokenizer.IsEndOfGeneration(token);

    /// <inheritdoc />
    public bool IsSpecial(int token) => (_tokenizer.GetAttributes(token) & (LlamaTokenAttributes.Control | LlamaTokenAttributes.UserDefined)) != 0;

    /// <inheritdoc />
    public byte[] TokenBytes(int token) => _tokenizer.TokenToBytes(token, renderSpecial: true);

    /// <inheritdoc />
    public int? FindSpecialToken(string text) => _tokenizer.FindSpecialToken(text);

    /// <summary>
    /// llama.cpp's rule: the GGUF's <c>tokenizer.ggml.add_bos_token</c> when present; otherwise true for
    /// SentencePiece-style vocabularies and false for byte-level BPE (<c>gpt2</c>).
    /// </summary>
    private static bool WantsBos(ModelMetadata metadata)
    {
        var flag = metadata.GetString("tokenizer.ggml.add_bos_token");
        if (flag is not null)
        {
            return string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase) || flag == "1";
        }

        return !string.Equals(metadata.GetString("tokenizer.ggml.model"), "gpt2", StringComparison.Ordinal);
    }
}
