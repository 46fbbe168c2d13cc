using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

public sealed class GgufModelSummaryTests
{
    [Fact]
    public void From_FileWithoutFileTypeKey_NamesTheMajorityMatrixType()
    {
        var writer = new GgufWriter();
        writer.AddTensor("big", GgufTensorType.Q8_0, [64, 4], new byte[8 * 34]);
        writer.AddTensor("small", [64, 1], new float[64]);
        writer.AddTensor("norm", [64], new float[64]);

        var summary = From(writer);

        Assert.Equal("Q8_0 (from the tensors; general.file_type is missing)", summary.FileType);
        Assert.Equal(64 * 4 + 64 + 64, summary.ParameterCount);
        Assert.Null(summary.Architecture);
        Assert.Null(summary.VocabularySize);
        Assert.Empty(summary.SpecialTokens);
    }

    [Theory]
    [InlineData(15u, "Q4_K_M")]
    [InlineData(1u, "F16")]
    [InlineData(99u, "unknown (99)")]
    public void From_FileTypeKey_IsNamedAsLlamaCppNamesIt(uint fileType, string expected)
    {
        var writer = new GgufWriter();
        writer.SetMetadata(GgufKeys.FileType, GgufValue.From(fileType));

        Assert.Equal(expected, From(writer).FileType);
    }

    [Fact]
    public void From_TokenIdOutsideVocabulary_ThrowsFormatException()
    {
        var writer = new GgufWriter();
        writer.SetMetadata(GgufKeys.Tokens, GgufValue.From(["a", "b"]));
        writer.SetMetadata(GgufKeys.EosTokenId, GgufValue.From(7u));

        var ex = Assert.Throws<GgufFormatException>(() => From(writer));

        Assert.Contains("names token 7, outside the vocabulary of 2 tokens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TokenTypesOfOtherLength_ThrowsFormatException()
    {
        var writer = new GgufWriter();
        writer.SetMetadata(GgufKeys.Tokens, GgufValue.From(["a", "b"]));
        writer.SetMetadata(GgufKeys.TokenTypes, GgufValue.From([1]));

        Assert.Throws<GgufFormatException>(() => From(writer));
    }

    [Fact]
    public void From_UserDefinedAndRoleTokens_AreListedWithTheirRoles()
    {
        var writer = new GgufWriter();
        writer.SetMetadata(GgufKeys.Tokens, GgufValue.From(["<pad>", "hello", "<extra>", "<|end|>"]));
        writer.SetMetadata(GgufKeys.TokenTypes, GgufValue.From([3, 1, 4, 3]));
        writer.SetMetadata(GgufKeys.PaddingTokenId, GgufValue.From(0u));
        writer.SetMetadata(GgufKeys.EosTokenId, GgufValue.From(3u));
        writer.SetMetadata(GgufKeys.EotTokenId, GgufValue.From(3u));

        var special = From(writer).SpecialTokens;

        Assert.Equal([0, 2, 3], special.Select(t => t.Id));
        Assert.Equal(["padding"], special[0].Roles);
        Assert.Equal(GgufTokenType.UserDefined, special[1].Type);
        Assert.Equal(["eos", "eot"], special[2].Roles);
    }

    private static GgufModelSummary From(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        stream.Position = 0;
        return GgufModelSummary.From(GgufFile.Read(stream));
    }
}
