using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

public sealed class LlamaGgufVocabularyTests
{
    [Fact]
    public void CreateByteLevel_LaysOutSpecialsBytesMarkerPiecesThenControls()
    {
        var vocabulary = LlamaGgufVocabulary.CreateByteLevel(["a", "▁b"], ["<|im_start|>", "<|im_end|>"]);

        Assert.Equal(3 + 256 + 1 + 2 + 2, vocabulary.Count);
        Assert.Equal(["<unk>", "<s>", "</s>"], vocabulary.Tokens.Take(3));
        Assert.Equal([GgufTokenType.Unknown, GgufTokenType.Control, GgufTokenType.Control], vocabulary.TokenTypes.Take(3));
        Assert.Equal("<0x00>", vocabulary.Tokens[3]);
        Assert.Equal("<0x0A>", vocabulary.Tokens[3 + 10]);
        Assert.Equal("<0xFF>", vocabulary.Tokens[258]);
        Assert.All(vocabulary.TokenTypes.Skip(3).Take(256), t => Assert.Equal(GgufTokenType.Byte, t));
        Assert.Equal(259, vocabulary.GetId("▁"));
        Assert.Equal(260, vocabulary.GetId("a"));
        Assert.Equal(261, vocabulary.GetId("▁b"));
        Assert.Equal(GgufTokenType.Normal, vocabulary.TokenTypes[261]);
        Assert.True(vocabulary.Scores[260] > vocabulary.Scores[261]);
        Assert.Equal(263, vocabulary.GetId("<|im_end|>"));
        Assert.Equal(GgufTokenType.Control, vocabulary.TokenTypes[263]);
        Assert.Equal((0, 1, 2), (vocabulary.UnknownTokenId, vocabulary.BosTokenId, vocabulary.EosTokenId));
        Assert.False(vocabulary.AddSpacePrefix);
        Assert.False(vocabulary.AddBos);
    }

    [Fact]
    public void CreateByteLevel_PieceDuplicatingABuiltInToken_Throws() =>
        Assert.Throws<ArgumentException>(() => LlamaGgufVocabulary.CreateByteLevel(["▁"], []));

    [Fact]
    public void Constructor_DuplicateToken_ThrowsNamingBothIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LlamaGgufVocabulary(["x", "y", "x"], [0, 0, 0], [GgufTokenType.Normal, GgufTokenType.Normal, GgufTokenType.Normal]));

        Assert.Contains("'x' appears twice (ids 0 and 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ListsOfDifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => new LlamaGgufVocabulary(["x", "y"], [0], [GgufTokenType.Normal, GgufTokenType.Normal]));

    [Fact]
    public void Constructor_EmptyToken_Throws() =>
        Assert.Throws<ArgumentException>(() => new LlamaGgufVocabulary([string.Empty], [0], [GgufTokenType.Normal]));

    [Fact]
    public void GetId_UnknownToken_Throws() =>
        Assert.Throws<KeyNotFoundException>(() => LlamaGgufVocabulary.CreateByteLevel([], []).GetId("missing"));
}
