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
        StartToken = _tokenizer.StartToken;
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
}
