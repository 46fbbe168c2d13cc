using System.Globalization;

namespace AgentOS.Inference.Gguf;

/// <summary>
/// A vocabulary for llama.cpp's SentencePiece (<c>llama</c>) tokenizer: token texts, merge scores and
/// token types, plus the special-token ids and tokenizer flags written with them.
/// </summary>
/// <remarks>
/// <see cref="CreateByteLevel"/> builds the layout llama.cpp tokenizes correctly: <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, the 256 byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c> (type
/// <see cref="GgufTokenType.Byte"/>; any text without a piece falls back to them), <c>▁</c> (the tokenizer
/// writes spaces as U+2581; without this token a space would come back as the three bytes of "▁"), the
/// text pieces, then the control tokens.
/// </remarks>
public sealed record LlamaGgufVocabulary
{
    /// <summary>The word-boundary marker the SentencePiece tokenizer puts in place of each space.</summary>
    public const string SpaceMarker = "\u2581";

    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a vocabulary from parallel lists; token texts must be unique and non-empty.</summary>
    public LlamaGgufVocabulary(IReadOnlyList<string> tokens, IReadOnlyList<float> scores, IReadOnlyList<GgufTokenType> tokenTypes)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(tokenTypes);
        if (tokens.Count == 0)
        {
            throw new ArgumentException("A vocabulary needs at least one token.", nameof(tokens));
        }

        if (scores.Count != tokens.Count || tokenTypes.Count != tokens.Count)
        {
            throw new ArgumentException($"There are {tokens.Count} tokens but {scores.Count} scores and {tokenTypes.Count} token types.");
        }

        _ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (string.IsNullOrEmpty(tokens[i]))
            {
                throw new ArgumentException($"Token {i} is empty.", nameof(tokens));
            }

            if (!_ids.TryAdd(tokens[i], i))
            {
                throw new ArgumentException($"Token '{tokens[i]}' appears twice (ids {_ids[tokens[i]]} and {i}).", nameof(tokens));
            }
        }

        Tokens = tokens.ToArray();
        Scores = scores.ToArray();
        TokenTypes = tokenTypes.ToArray();
    }

    /// <summary>Token texts indexed by id.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Merge scores indexed by id: when pieces merge, the pair forming the higher-scored token wins.</summary>
    public IReadOnlyList<float> Scores { get; }

    /// <summary>Token types indexed by id.</summary>
    public IReadOnlyList<GgufTokenType> TokenTypes { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => Tokens.Count;

    /// <summary>Id of the unknown token. Default 0.</summary>
    public int UnknownTokenId { get; init; }

    /// <summary>Id of the beginning-of-sequence token. Default 1.</summary>
    public int BosTokenId { get; init; } = 1;

    /// <summary>Id of the end-of-sequence token. Default 2.</summary>
    public int EosTokenId { get; init; } = 2;

    /// <summary>Id of the end-of-turn token (e.g. <c>&lt;|im_end|&gt;</c>), or null for none. Default null.</summary>
    public int? EotTokenId { get; init; }

    /// <summary>Id of the padding token, or null for none. Default null.</summary>
    public int? PaddingTokenId { get; init; }

    /// <summary>Whether tokenizing with special tokens adds BOS in front. Default false.</summary>
    public bool AddBos { get; init; }

    /// <summary>Whether tokenizing with special tokens adds EOS at the end. Default false.</summary>
    public bool AddEos { get; init; }

    /// <summary>
    /// Whether the tokenizer puts a space in front of the text. Default false, so that tokenizing a text
    /// in pieces gives the same tokens as tokenizing it whole (llama.cpp itself defaults to true when the
    /// key is missing; the writer always writes it).
    /// </summary>
    public bool AddSpacePrefix { get; init; }

    /// <summary>
    /// Builds the byte-fallback layout described on the type, with <c>&lt;unk&gt;</c> = 0, <c>&lt;s&gt;</c>
    /// = BOS = 1 and <c>&lt;/s&gt;</c> = EOS = 2 (set other ids with <c>with { EosTokenId = … }</c>).
    /// </summary>
    /// <param name="pieces">
    /// Text pieces (type normal) in priority order: an earlier piece gets a higher score and wins when
    /// merges compete. Write a space inside a piece as <see cref="SpaceMarker"/>.
    /// </param>
    /// <param name="controlTokens">Special tokens (type control), e.g. <c>&lt;|im_start|&gt;</c>.</param>
    public static LlamaGgufVocabulary CreateByteLevel(IEnumerable<string> pieces, IEnumerable<string> controlTokens)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(controlTokens);
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<GgufTokenType> { GgufTokenType.Unknown, GgufTokenType.Control, GgufTokenType.Control };
        var scores = new List<float> { 0, 0, 0 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(ByteToken((byte)b));
            types.Add(GgufTokenType.Byte);
            scores.Add(0);
        }

        var rank = 0;
        foreach (var piece in pieces.Prepend(SpaceMarker))
        {
            tokens.Add(piece);
            types.Add(GgufTokenType.Normal);
            scores.Add(-rank++);
        }

        foreach (var control in controlTokens)
        {
            tokens.Add(control);
            types.Add(GgufTokenType.Control);
            scores.Add(0);
        }

        return new LlamaGgufVocabulary(tokens, scores, types);
    }

    /// <summary>The text of the byte-fallback token for <paramref name="value"/>: <c>&lt;0x0A&gt;</c> (uppercase hex, as llama.cpp looks it up).</summary>
    public static string ByteToken(byte value) => string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>");

    /// <summary>The id of <paramref name="token"/>.</summary>
    /// <exception cref="KeyNotFoundException">The vocabulary has no such token.</exception>
    public int GetId(string token) => TryGetId(token, out var id)
        ? id
        : throw new KeyNotFoundException($"The vocabulary has no token '{token}'.");

    /// <summary>Looks up the id of <paramref name="token"/>.</summary>
    public bool TryGetId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.TryGetValue(token, out id);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a special-token id lies outside the vocabulary.</summary>
    public void Validate()
    {
        InRange(UnknownTokenId, nameof(UnknownTokenId));
        InRange(BosTokenId, nameof(BosTokenId));
        InRange(EosTokenId, nameof(EosTokenId));
        if (EotTokenId is { } eot)
        {
            InRange(eot, nameof(EotTokenId));
        }

        if (PaddingTokenId is { } pad)
        {
            InRange(pad, nameof(PaddingTokenId));
        }
    }

    private void InRange(int id, string name)
    {
        if (id < 0 || id >= Count)
        {
            throw new ArgumentException($"{name} {id} is outside the vocabulary of {Count} tokens.");
        }
    }
}
