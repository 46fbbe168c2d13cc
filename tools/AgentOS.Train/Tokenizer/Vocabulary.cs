using System.Globalization;
using System.Text.Json;
using AgentOS.Inference.Gguf;

namespace AgentOS.Train.Tokenizer;

/// <summary>
/// An SPM ("llama") vocabulary in the layout llama.cpp's sentencepiece tokenizer works with:
/// <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>; the 256 byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c>;
/// the base characters (<c>▁</c> for space, newline, printable ASCII); the learned pieces, each with a
/// score that orders the merges (earlier merge, higher score); then the protocol's markers as CONTROL tokens.
/// </summary>
/// <remarks>
/// Digits are base characters and no learned piece contains one, so every digit is its own token: a small
/// model copies numbers digit by digit. A learned piece is all letters or has none, so a word tokenizes the same
/// after a space, in quotes or before a full stop, and copying a word means copying the same tokens. No learned
/// piece contains <c>&lt;</c> or <c>&gt;</c>, so no chain of merges can ever spell a special token's text out of
/// ordinary content.
/// </remarks>
public sealed class Vocabulary
{
    /// <summary>The character llama.cpp's SPM tokenizer writes for a space (U+2581).</summary>
    public const string SpaceMarker = "\u2581";

    /// <summary>The first id of the byte tokens.</summary>
    public const int FirstByteId = 3;

    private readonly string[] _tokens;
    private readonly float[] _scores;
    private readonly TokenType[] _types;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens, float[] scores, TokenType[] types)
    {
        _tokens = tokens;
        _scores = scores;
        _types = types;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            if (!_ids.TryAdd(tokens[id], id))
            {
                throw new InvalidDataException($"Vocabulary holds the token '{Escape(tokens[id])}' twice (ids {_ids[tokens[id]]} and {id}).");
            }
        }

        ImStartId = IdOf(SpecialTokens.ImStart);
        ImEndId = IdOf(SpecialTokens.ImEnd);
        Validate();
    }

    /// <summary>Number of tokens.</summary>
    public int Count => _tokens.Length;

    /// <summary>Token texts by id, as written to <c>tokenizer.ggml.tokens</c>.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>Scores by id, as written to <c>tokenizer.ggml.scores</c>.</summary>
    public IReadOnlyList<float> Scores => _scores;

    /// <summary>Types by id, as written to <c>tokenizer.ggml.token_type</c>.</summary>
    public IReadOnlyList<TokenType> Types => _types;

    /// <summary>Id of <c>&lt;unk&gt;</c> (0).</summary>
    public const int UnknownId = 0;

    /// <summary>Id of <c>&lt;s&gt;</c> (1).</summary>
    public const int BosId = 1;

    /// <summary>Id of <c>&lt;/s&gt;</c> (2).</summary>
    public const int EosId = 2;

    /// <summary>Id of <c>&lt;|im_start|&gt;</c>.</summary>
    public int ImStartId { get; }

    /// <summary>Id of <c>&lt;|im_end|&gt;</c>, the end-of-turn token.</summary>
    public int ImEndId { get; }

    /// <summary>Number of learned pieces (merges).</summary>
    public int LearnedPieceCount => _types.Count(t => t == TokenType.Normal) - BaseCharacters.Count;

    /// <summary>The base characters: space marker, newline and printable ASCII.</summary>
    public static IReadOnlyList<string> BaseCharacters { get; } = BuildBaseCharacters();

    /// <summary>Builds the vocabulary from learned pieces given in merge order (first merged first).</summary>
    /// <exception cref="ArgumentException">A piece is a base character, a duplicate, holds a digit, a newline,
    /// <c>&lt;</c> or <c>&gt;</c>, or cannot be reached by merging two earlier tokens.</exception>
    public static Vocabulary Create(IReadOnlyList<string> learnedPieces)
    {
        ArgumentNullException.ThrowIfNull(learnedPieces);
        var tokens = new List<string> { SpecialTokens.Unknown, SpecialTokens.Bos, SpecialTokens.Eos };
        var scores = new List<float> { 0f, 0f, 0f };
        var types = new List<TokenType> { TokenType.Unknown, TokenType.Control, TokenType.Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(ByteTokenText((byte)b));
            scores.Add(0f);
            types.Add(TokenType.Byte);
        }

        foreach (var c in BaseCharacters)
        {
            tokens.Add(c);
            scores.Add(0f);
            types.Add(TokenType.Normal);
        }

        for (var rank = 0; rank < learnedPieces.Count; rank++)
        {
            var piece = learnedPieces[rank];
            if (!IsLearnablePiece(piece))
            {
                throw new ArgumentException($"Learned piece {rank} '{Escape(piece)}' is not allowed: a piece is two or more ASCII letters, or two or more punctuation characters and space markers (no digits, newlines, '<' or '>').", nameof(learnedPieces));
            }

            tokens.Add(piece);
            // SPM merges the adjacent pair whose joined text has the highest score, so a falling score
            // replays the learned merges in the order they were learned.
            scores.Add(-(rank + 1));
            types.Add(TokenType.Normal);
        }

        foreach (var marker in SpecialTokens.ProtocolMarkers)
        {
            tokens.Add(marker);
            scores.Add(0f);
            types.Add(TokenType.Control);
        }

        return new Vocabulary([.. tokens], [.. scores], [.. types]);
    }

    /// <summary>
    /// True when <paramref name="piece"/> may be a learned piece: two or more characters, all ASCII letters, or all
    /// punctuation and space markers (printable ASCII other than letters, digits, <c>&lt;</c> and <c>&gt;</c>, or
    /// <c>▁</c>). Letters never share a piece with anything else, so a word is the same tokens wherever it stands.
    /// </summary>
    public static bool IsLearnablePiece(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (piece.Length < 2)
        {
            return false;
        }

        var letters = piece.Count(char.IsAsciiLetter);
        return (letters == piece.Length || letters == 0) && piece.All(c => char.IsAsciiLetter(c) || IsMergeablePunctuation(c));
    }

    /// <summary>True for the non-letter characters that may merge with each other: see <see cref="IsLearnablePiece"/>.</summary>
    public static bool IsMergeablePunctuation(char c) =>
        (c is >= '!' and <= '~' && !char.IsAsciiLetterOrDigit(c) && c is not '<' and not '>') || c == SpaceMarker[0];

    /// <summary>The id of a token text, or -1.</summary>
    public int Find(string text) => _ids.GetValueOrDefault(text, -1);

    /// <summary>The id of a token text that must exist.</summary>
    public int IdOf(string text) =>
        _ids.TryGetValue(text, out var id) ? id : throw new KeyNotFoundException($"The vocabulary has no token '{Escape(text)}'.");

    /// <summary>The id of the byte token for <paramref name="value"/>.</summary>
    public static int ByteId(byte value) => FirstByteId + value;

    /// <summary>Looks up a token by text without allocating.</summary>
    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanLookup => _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text llama.cpp prints for a token: the piece with <c>▁</c> as space, the byte of a byte
    /// token, and the text of a special token only when <paramref name="special"/> is true.</summary>
    public byte[] PieceBytes(int id, bool special)
    {
        return _types[id] switch
        {
            TokenType.Normal => System.Text.Encoding.UTF8.GetBytes(_tokens[id].Replace(SpaceMarker, " ", StringComparison.Ordinal)),
            TokenType.Byte => [(byte)(id - FirstByteId)],
            TokenType.Control or TokenType.Unknown => special ? System.Text.Encoding.UTF8.GetBytes(_tokens[id]) : [],
            _ => [],
        };
    }

    /// <summary>
    /// The vocabulary as the GGUF writer takes it: BOS added in front of every sequence (training sequences start
    /// with it too), no EOS added, no space prefix, <c>&lt;|im_end|&gt;</c> as end of turn.
    /// </summary>
    public LlamaGgufVocabulary ToGguf() =>
        new(_tokens, _scores, [.. _types.Select(t => (GgufTokenType)(int)t)])
        {
            UnknownTokenId = UnknownId,
            BosTokenId = BosId,
            EosTokenId = EosId,
            EotTokenId = ImEndId,
            AddBos = true,
            AddEos = false,
            AddSpacePrefix = false,
        };

    /// <summary>Writes the vocabulary as JSON (tokens, scores, types).</summary>
    public void Save(string path)
    {
        var file = new VocabularyFile(Format, _tokens, _scores, [.. _types.Select(t => (int)t)]);
        File.WriteAllText(path, JsonSerializer.Serialize(file, VocabularyJson.Default.VocabularyFile));
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not such a vocabulary.</exception>
    public static Vocabulary Load(string path)
    {
        VocabularyFile? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllText(path), VocabularyJson.Default.VocabularyFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a vocabulary file ({e.Message}).", e);
        }

        if (file is null || file.Format != Format || file.Tokens is null || file.Scores is null || file.Types is null
            || file.Tokens.Length != file.Scores.Length || file.Tokens.Length != file.Types.Length)
        {
            throw new InvalidDataException($"{path}: not a vocabulary file of format '{Format}', or its arrays differ in length.");
        }

        try
        {
            return new Vocabulary(file.Tokens, file.Scores, [.. file.Types.Select(t => (TokenType)t)]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    internal const string Format = "agentos-spm-vocab-1";

    internal static string ByteTokenText(byte value) => string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>");

    internal static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);

    private static List<string> BuildBaseCharacters()
    {
        var list = new List<string> { SpaceMarker, "\n" };
        for (var c = '!'; c <= '~'; c++)
        {
            list.Add(c.ToString());
        }

        return list;
    }

    // The layout checks that keep llama.cpp's tokenizer and ours in step: bytes where llama.cpp looks for them,
    // every learned piece reachable by one merge of two tokens that come before it, markers present.
    private void Validate()
    {
        if (_tokens.Length < FirstByteId + 256 || _tokens[0] != SpecialTokens.Unknown || _tokens[1] != SpecialTokens.Bos || _tokens[2] != SpecialTokens.Eos)
        {
            throw new InvalidDataException("Vocabulary must start with <unk>, <s>, </s> and the 256 byte tokens.");
        }

        for (var b = 0; b < 256; b++)
        {
            if (_tokens[FirstByteId + b] != ByteTokenText((byte)b) || _types[FirstByteId + b] != TokenType.Byte)
            {
                throw new InvalidDataException($"Token {FirstByteId + b} must be the byte token {ByteTokenText((byte)b)}.");
            }
        }

        foreach (var marker in SpecialTokens.ProtocolMarkers)
        {
            if (_types[IdOf(marker)] != TokenType.Control)
            {
                throw new InvalidDataException($"The marker {marker} must be a CONTROL token.");
            }
        }

        for (var id = 0; id < _tokens.Length; id++)
        {
            if (_types[id] != TokenType.Normal || _tokens[id].Length < 2)
            {
                continue;
            }

            var text = _tokens[id];
            var reachable = false;
            for (var split = 1; split < text.Length && !reachable; split++)
            {
                var left = Find(text[..split]);
                var right = Find(text[split..]);
                reachable = left >= 0 && right >= 0 && _types[left] == TokenType.Normal && _types[right] == TokenType.Normal;
            }

            if (!reachable)
            {
                throw new InvalidDataException($"Token {id} '{Escape(text)}' cannot be reached by merging two tokens of the vocabulary.");
            }
        }
    }
}
