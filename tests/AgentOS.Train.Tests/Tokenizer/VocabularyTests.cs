using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Tokenizer;

public sealed class VocabularyTests
{
    [Fact]
    public void Create_LaysOutTokensAsLlamaCppExpects()
    {
        var vocabulary = Vocabulary.Create(["he", "ll", "hell", "hello"]);

        Assert.Equal(["<unk>", "<s>", "</s>"], vocabulary.Tokens.Take(3));
        Assert.Equal(TokenType.Unknown, vocabulary.Types[Vocabulary.UnknownId]);
        Assert.Equal(TokenType.Control, vocabulary.Types[Vocabulary.BosId]);
        Assert.Equal(TokenType.Control, vocabulary.Types[Vocabulary.EosId]);
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal($"<0x{b:X2}>", vocabulary.Tokens[Vocabulary.ByteId((byte)b)]);
            Assert.Equal(TokenType.Byte, vocabulary.Types[Vocabulary.ByteId((byte)b)]);
        }

        Assert.Equal(Vocabulary.SpaceMarker, vocabulary.Tokens[Vocabulary.FirstByteId + 256]);
        Assert.Equal(4, vocabulary.LearnedPieceCount);
        Assert.Equal(SpecialTokens.ProtocolMarkers, vocabulary.Tokens.TakeLast(8));
        Assert.All(vocabulary.Tokens.TakeLast(8), t => Assert.Equal(TokenType.Control, vocabulary.Types[vocabulary.IdOf(t)]));
    }

    [Fact]
    public void Create_ScoresFallWithMergeOrder()
    {
        var vocabulary = Vocabulary.Create(["he", "ll", "hell", "hello"]);

        Assert.True(vocabulary.Scores[vocabulary.IdOf("he")] > vocabulary.Scores[vocabulary.IdOf("ll")]);
        Assert.True(vocabulary.Scores[vocabulary.IdOf("ll")] > vocabulary.Scores[vocabulary.IdOf("hell")]);
    }

    [Theory]
    [InlineData("a1")]
    [InlineData("12")]
    [InlineData("<b")]
    [InlineData("b>")]
    [InlineData("a\nb")]
    [InlineData("a\u2581b")]
    [InlineData("x")]
    [InlineData("a.")]
    [InlineData("\u2581a")]
    public void Create_ForbiddenPiece_Throws(string piece)
    {
        Assert.Throws<ArgumentException>(() => Vocabulary.Create([piece]));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("\u2581\"")]
    [InlineData("\",\u2581\"")]
    [InlineData("\u2581\u2581")]
    public void IsLearnablePiece_LettersOrPunctuationAndSpaces_IsTrue(string piece)
    {
        Assert.True(Vocabulary.IsLearnablePiece(piece));
    }

    [Fact]
    public void Create_UnreachablePiece_Throws()
    {
        // "abc" needs "ab"+"c" or "a"+"bc": with only "abcd" learned, "abcd" has no split into two tokens.
        Assert.Throws<InvalidDataException>(() => Vocabulary.Create(["abcd"]));
    }

    [Fact]
    public void Create_DuplicatePiece_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Vocabulary.Create(["ab", "ab"]));
    }

    [Fact]
    public void ChatTemplate_IsRecognisedByTheKernelAsHermes()
    {
        Assert.Same(AgentOS.Kernel.Formats.ToolCallFormats.Hermes, AgentOS.Kernel.Formats.ToolCallFormats.Detect(ChatTemplate.Hermes));
        Assert.All(SpecialTokens.ProtocolMarkers, m => Assert.Contains(m, ChatTemplate.Hermes, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OfSave_GivesTheSameVocabulary()
    {
        var vocabulary = Vocabulary.Create(["he", "ll", "hell", "hello"]);
        var path = Path.GetTempFileName();
        try
        {
            vocabulary.Save(path);
            var loaded = Vocabulary.Load(path);

            Assert.Equal(vocabulary.Tokens, loaded.Tokens);
            Assert.Equal(vocabulary.Scores, loaded.Scores);
            Assert.Equal(vocabulary.Types, loaded.Types);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"format\": \"other\"}")]
    [InlineData("{\"format\": \"agentos-spm-vocab-1\", \"tokens\": [\"a\"], \"scores\": [], \"types\": [1]}")]
    [InlineData("{\"format\": \"agentos-spm-vocab-1\", \"tokens\": [\"a\"], \"scores\": [0], \"types\": [1]}")]
    public void Load_BadFile_ThrowsInvalidData(string content)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content);

            var error = Assert.Throws<InvalidDataException>(() => Vocabulary.Load(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
