using System.Text;
using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>
/// A model's tokenizer. Thread-safe. Text from users and tools is tokenized with <c>parseSpecial: false</c>
/// so that it can never produce a control token such as <c>&lt;tool_call&gt;</c>; only text the runtime
/// itself writes (chat template markup) is tokenized with special parsing on.
/// </summary>
public sealed class LlamaTokenizer
{
    private readonly LlamaVocabulary _vocabulary;
    private readonly Lazy<IReadOnlyDictionary<string, int>> _specialTokens;

    internal LlamaTokenizer(LlamaVocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        VocabularySize = vocabulary.Count;
        Bos = NullIfAbsent(vocabulary.Bos);
        Eos = NullIfAbsent(vocabulary.Eos);
        EndOfTurn = NullIfAbsent(vocabulary.Eot);
        _specialTokens = new Lazy<IReadOnlyDictionary<string, int>>(ReadSpecialTokens);
    }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize { get; }

    /// <summary>The beginning-of-sequence token, or null when the vocabulary has none.</summary>
    public int? Bos { get; }

    /// <summary>
    /// The token llama.cpp puts before a text of this model: <see cref="Bos"/> when the vocabulary asks for it
    /// (<c>tokenizer.ggml.add_bos_token</c>, or llama.cpp's default for the tokenizer type), else null.
    /// </summary>
    public int? StartToken => _vocabulary.AddsBos ? Bos : null;

    /// <summary>The end-of-sequence token, or null.</summary>
    public int? Eos { get; }

    /// <summary>The end-of-turn token, or null.</summary>
    public int? EndOfTurn { get; }

    /// <summary>
    /// Control and user-defined tokens by their text (e.g. <c>&lt;|im_end|&gt;</c>, <c>&lt;tool_call&gt;</c>).
    /// </summary>
    public IReadOnlyDictionary<string, int> SpecialTokens => _specialTokens.Value;

    /// <summary>Tokenizes <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="addBos">Prepend <see cref="Bos"/> (when the vocabulary has one).</param>
    /// <param name="parseSpecial">
    /// Turn the text of special tokens into those tokens. Off (the default), <c>&lt;tool_call&gt;</c> in the
    /// text is tokenized as plain characters.
    /// </param>
    public int[] Tokenize(string text, bool addBos = false, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = _vocabulary.Tokenize(text, addSpecial: false, parseSpecial);
        if (!addBos || Bos is not { } bos)
        {
            return tokens;
        }

        var withBos = new int[tokens.Length + 1];
        withBos[0] = bos;
        tokens.CopyTo(withBos, 1);
        return withBos;
    }

    /// <summary>Turns tokens back into text.</summary>
    /// <param name="tokens">The tokens.</param>
    /// <param name="renderSpecial">Write control tokens as their text (default true); off, they vanish.</param>
    public string Detokenize(ReadOnlySpan<int> tokens, bool renderSpecial = true)
    {
        foreach (var token in tokens)
        {
            CheckToken(token);
        }

        return _vocabulary.Detokenize(tokens, removeSpecial: false, renderSpecial);
    }

    /// <summary>Turns tokens back into text.</summary>
    public string Detokenize(IEnumerable<int> tokens, bool renderSpecial = true)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return Detokenize(tokens.ToArray().AsSpan(), renderSpecial);
    }

    /// <summary>
    /// The bytes one token stands for. A token may hold part of a UTF-8 character: decode runs of tokens
    /// with a <see cref="Decoder"/>, or use <see cref="Detokenize(ReadOnlySpan{int}, bool)"/>.
    /// </summary>
    public byte[] TokenToBytes(int token, bool renderSpecial = true) => _vocabulary.TokenToPiece(token, renderSpecial);

    /// <summary>The text of one token (U+FFFD where it holds only part of a UTF-8 character).</summary>
    public string TokenToPiece(int token, bool renderSpecial = true) => Encoding.UTF8.GetString(TokenToBytes(token, renderSpecial));

    /// <summary>The raw vocabulary entry of <paramref name="token"/> (byte tokens read like <c>&lt;0x0A&gt;</c>).</summary>
    public string GetTokenText(int token) => _vocabulary.GetText(token);

    /// <summary>The attributes of <paramref name="token"/> (control, user-defined, byte, …).</summary>
    public LlamaTokenAttributes GetAttributes(int token) => _vocabulary.GetAttributes(token);

    /// <summary>Whether <paramref name="token"/> ends generation (EOS, end of turn, …).</summary>
    public bool IsEndOfGeneration(int token) => _vocabulary.IsEndOfGeneration(token);

    /// <summary>Whether <paramref name="token"/> is a control token.</summary>
    public bool IsControl(int token) => _vocabulary.IsControl(token);

    /// <summary>The control or user-defined token whose text is exactly <paramref name="text"/>, or null.</summary>
    public int? FindSpecialToken(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SpecialTokens.TryGetValue(text, out var token) ? token : null;
    }

    internal LlamaVocabulary Vocabulary => _vocabulary;

    private void CheckToken(int token)
    {
        if ((uint)token >= (uint)VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(token), token, $"Token ids run from 0 to {VocabularySize - 1}.");
        }
    }

    private Dictionary<string, int> ReadSpecialTokens()
    {
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var token = 0; token < VocabularySize; token++)
        {
            if ((_vocabulary.GetAttributes(token) & (LlamaTokenAttributes.Control | LlamaTokenAttributes.UserDefined)) != 0)
            {
                tokens.TryAdd(_vocabulary.GetText(token), token);
            }
        }

        return tokens;
    }

    private static int? NullIfAbsent(int token) => token < 0 ? null : token;
}
