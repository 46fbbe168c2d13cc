using AgentOS.Inference.Gguf;

// CA1861 (constant array arguments): the literal arrays are the test data, each used once.
#pragma warning disable CA1861

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>The writer refuses to produce a file that readers would reject.</summary>
public sealed class GgufWriterTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(4u)]
    [InlineData(24u)]
    public void Constructor_AlignmentNotAPowerOfTwoOfAtLeast8_Throws(uint alignment) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GgufWriter(alignment));

    [Fact]
    public void SetMetadata_AlignmentKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().SetMetadata(GgufKeys.Alignment, GgufValue.From(64u)));

    [Fact]
    public void SetMetadata_EmptyKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().SetMetadata(string.Empty, GgufValue.From(1)));

    [Fact]
    public void AddTensor_NameLongerThan63Bytes_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor(new string('é', 32), [1], new float[] { 1 }));

    [Fact]
    public void AddTensor_SameNameTwice_Throws()
    {
        var writer = new GgufWriter();
        writer.AddTensor("t", [1], new float[] { 1 });

        Assert.Throws<ArgumentException>(() => writer.AddTensor("t", [1], new float[] { 2 }));
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 1, 1, 1, 1, 1 })]
    [InlineData(new long[] { -1 })]
    public void AddTensor_BadShape_Throws(long[] dimensions) =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", dimensions, new float[] { 1 }));

    [Fact]
    public void AddTensor_ValueCountNotMatchingShape_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [2, 2], new float[] { 1, 2, 3 }));

    [Fact]
    public void AddTensor_ByteCountNotMatchingTypeAndShape_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", GgufTensorType.Q8_0, [32], new byte[33]));

    [Fact]
    public void AddTensor_ShapeNotWholeBlocks_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", GgufTensorType.Q4_0, [16], new byte[9]));

    [Fact]
    public void AddTensor_FloatsAsQuantizedType_Throws() =>
        Assert.Throws<ArgumentException>(() => new GgufWriter().AddTensor("t", [32], new float[32], GgufTensorType.Q8_0));

    [Fact]
    public void From_ArrayOfArraysHoldingAScalar_Throws() =>
        Assert.Throws<ArgumentException>(() => GgufValue.From(new[] { GgufValue.From(1) }));

    [Fact]
    public void From_StringArrayWithNull_Throws() =>
        Assert.Throws<ArgumentException>(() => GgufValue.From(new string[] { "a", null! }));

    [Fact]
    public void AsInt64_OnAnyIntegerType_Widens()
    {
        Assert.Equal(255, GgufValue.From((byte)255).AsInt64());
        Assert.Equal(-5, GgufValue.From((sbyte)-5).AsInt64());
        Assert.Equal(uint.MaxValue, GgufValue.From(uint.MaxValue).AsInt64());
        Assert.Throws<InvalidOperationException>(() => GgufValue.From(ulong.MaxValue).AsInt64());
        Assert.Throws<InvalidOperationException>(() => GgufValue.From(1.5f).AsInt64());
    }

    [Fact]
    public void AsArray_WrongElementType_Throws() =>
        Assert.Throws<InvalidOperationException>(() => GgufValue.From(new[] { 1, 2 }).AsArray<uint>());
}
