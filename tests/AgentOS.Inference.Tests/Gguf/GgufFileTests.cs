using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>Every way a file can fail to be a usable GGUF ends in one clear <see cref="GgufFormatException"/>.</summary>
public sealed class GgufFileTests : IDisposable
{
    private readonly GgufTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        var path = _files.PathOf("absent.gguf");

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void Read_Directory_SaysItIsADirectory()
    {
        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(_files.Directory));

        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_SaysEmpty()
    {
        var path = _files.Write("empty.gguf", []);

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.Equal($"{path}: the file is empty, not a GGUF model.", ex.Message);
    }

    [Fact]
    public void Read_TextFile_SaysNotGgufAndShowsTheFirstBytes()
    {
        var path = _files.Write("hostname", "buildhost\n"u8.ToArray());

        var ex = Assert.Throws<GgufFormatException>(() => GgufFile.Read(path));

        Assert.StartsWith($"{path}: not a GGUF file (it starts with \"buil\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileShorterThanMagic_SaysNotGguf()
    {
        var ex = Assert.Throws<GgufFormatException>(() => Read([0x47, 0x47]));

        Assert.Contains("not a GGUF file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongMagic_SaysNotGguf()
    {
        var bytes = ValidFile();
        bytes[3] = (byte)'X';

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("not a GGUF file (it starts with \"GGUX\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryTruncationOfAValidFile_ThrowsFormatException()
    {
        var bytes = ValidFile();
        var file = Read(bytes);
        var end = file.Tensors.Max(t => t.FileOffset + t.ByteSize);

        for (var length = 0; length < end; length++)
        {
            var ex = Assert.Throws<GgufFormatException>(() => Read(bytes[..length]));
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void Read_TruncatedTensorData_NamesTheTensor()
    {
        var bytes = ValidFile();
        var last = Read(bytes).Tensors[^1];

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes[..(int)(last.FileOffset + 1)]));

        Assert.Contains($"tensor '{last.Name}' needs bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RandomBytes_ThrowsFormatException()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);

            Assert.Throws<GgufFormatException>(() => Read(bytes));
        }
    }

    [Fact]
    public void Read_RandomBytesAfterAValidHeaderStart_ThrowsFormatException()
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var tail = new byte[random.Next(0, 4096)];
            random.NextBytes(tail);
            var bytes = new RawGguf().Bytes("GGUF"u8.ToArray()).UInt32(3).Bytes(tail).ToArray();

            Assert.Throws<GgufFormatException>(() => Read(bytes));
        }
    }

    [Fact]
    public void Read_ValidFileWithCorruptedBytes_ParsesOrThrowsOnlyFormatException()
    {
        var original = ValidFile();
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                Read(bytes);
            }
            catch (GgufFormatException)
            {
                // Expected for most corruptions; any other exception type fails the test.
            }
        }
    }

    [Theory]
    [InlineData(1u, "GGUF version 1 is not supported")]
    [InlineData(4u, "GGUF version 4 is not supported")]
    [InlineData(0x03000000u, "big-endian GGUF files are not supported")]
    public void Read_UnsupportedVersion_SaysWhich(uint version, string expected)
    {
        var ex = Assert.Throws<GgufFormatException>(() => Read(RawGguf.Header(0, 0, version).ToArray()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Version2_IsAccepted()
    {
        var file = Read(RawGguf.Header(0, 1, version: 2).Key("a.b", GgufValueType.UInt8).Byte(5).ToArray());

        Assert.Equal(2u, file.Version);
        Assert.Equal(5, file.Metadata.GetInteger("a.b"));
    }

    [Fact]
    public void Read_TensorCountBeyondFileSize_IsRejectedBeforeAllocating()
    {
        var ex = Assert.Throws<GgufFormatException>(() => Read(RawGguf.Header(ulong.MaxValue, 0).ToArray()));

        Assert.Contains("tensor count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MetadataCountBeyondFileSize_IsRejectedBeforeAllocating()
    {
        var ex = Assert.Throws<GgufFormatException>(() => Read(RawGguf.Header(0, 1L << 40).ToArray()));

        Assert.Contains("metadata entry count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StringLongerThanTheFile_IsRejectedBeforeAllocating()
    {
        var bytes = RawGguf.Header(0, 1).Key("general.name", GgufValueType.String).UInt64(long.MaxValue).Zeros(16).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains($"claims {long.MaxValue} bytes but only 16 remain", ex.Message, StringComparison.Ordinal);
        Assert.Contains("metadata key 'general.name'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeyLengthBeyondFileSize_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).UInt64(ulong.MaxValue).Zeros(32).ToArray();

        Assert.Throws<GgufFormatException>(() => Read(bytes));
    }

    [Fact]
    public void Read_KeyLongerThan65535Bytes_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).Key(new string('k', 65536), GgufValueType.UInt8).Byte(1).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("longer than the allowed 65535", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GgufValueType.UInt64)]
    [InlineData(GgufValueType.String)]
    [InlineData(GgufValueType.Array)]
    public void Read_ArrayCountBeyondFileSize_IsRejectedBeforeAllocating(GgufValueType elementType)
    {
        var bytes = RawGguf.Header(0, 1).Key("tokenizer.ggml.tokens", GgufValueType.Array)
            .UInt32((uint)elementType).UInt64(1UL << 40).Zeros(64).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains($"an array of {elementType} claims {1UL << 40} elements", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArraysNestedTooDeep_AreRejected()
    {
        var raw = RawGguf.Header(0, 1).Key("deep", GgufValueType.Array);
        for (var i = 0; i < 20; i++)
        {
            raw.UInt32((uint)GgufValueType.Array).UInt64(1);
        }

        raw.UInt32((uint)GgufValueType.UInt8).UInt64(0);

        var ex = Assert.Throws<GgufFormatException>(() => Read(raw.ToArray()));

        Assert.Contains("nested more than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BooleanOtherThanZeroOrOne_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).Key("tokenizer.ggml.add_bos_token", GgufValueType.Bool).Byte(2).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("a boolean holds 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownValueType_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).String("x").UInt32(13).Zeros(8).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("unknown metadata value type 13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyKey_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).Key(string.Empty, GgufValueType.UInt8).Byte(0).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("a metadata key is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateKey_IsRejected()
    {
        var bytes = RawGguf.Header(0, 2)
            .Key("general.name", GgufValueType.UInt8).Byte(1)
            .Key("general.name", GgufValueType.UInt8).Byte(2)
            .ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("'general.name' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Read_AlignmentNotAPowerOfTwo_IsRejected(uint alignment)
    {
        var bytes = RawGguf.Header(0, 1).Key(GgufKeys.Alignment, GgufValueType.UInt32).UInt32(alignment).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains($"the alignment {alignment} is not a power of two", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AlignmentOfAnotherType_IsRejected()
    {
        var bytes = RawGguf.Header(0, 1).Key(GgufKeys.Alignment, GgufValueType.UInt64).UInt64(32).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("the alignment must be a UInt32, not a UInt64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AlignmentKey_PlacesTensorDataOnItsBoundary()
    {
        var raw = RawGguf.Header(2, 1).Key(GgufKeys.Alignment, GgufValueType.UInt32).UInt32(64)
            .Tensor("a", GgufTensorType.F32, 0, 3)
            .Tensor("b", GgufTensorType.F32, 64, 2)
            .Pad(64);
        var dataStart = raw.Length;
        var bytes = raw.Zeros(64 + 8).ToArray();

        var file = Read(bytes);

        Assert.Equal(64u, file.Alignment);
        Assert.Equal(dataStart, file.TensorDataOffset);
        Assert.Equal(dataStart + 64, file.FindTensor("b")!.FileOffset);
    }

    [Fact]
    public void Read_TensorOffsetNotAligned_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", GgufTensorType.F32, 4, 4).Pad().Zeros(64).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("the data offset 4 is not a multiple of the alignment 32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tensor 't'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TensorDataPastTheEnd_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", GgufTensorType.F32, 0, 1024).Pad().Zeros(100).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("tensor 't' needs bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeDimensions_AreRejectedWithoutOverflow()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", GgufTensorType.F32, 0, 1UL << 40, 1UL << 40).Pad().ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("overflow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingTensors_AreRejected()
    {
        var bytes = RawGguf.Header(2, 0)
            .Tensor("a", GgufTensorType.F32, 0, 16)
            .Tensor("b", GgufTensorType.F32, 32, 16)
            .Pad().Zeros(128).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("the data of tensors 'a' and 'b' overlap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateTensorName_IsRejected()
    {
        var bytes = RawGguf.Header(2, 0)
            .Tensor("a", GgufTensorType.F32, 0, 8)
            .Tensor("a", GgufTensorType.F32, 32, 8)
            .Pad().Zeros(64).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("the tensor name 'a' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TensorNameLongerThan63Bytes_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor(new string('n', 64), GgufTensorType.F32, 0, 1).Pad().Zeros(32).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("longer than 63 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreThanFourDimensions_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", GgufTensorType.F32, 0, 1, 1, 1, 1, 1).Pad().Zeros(32).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("the tensor has 5 dimensions, at most 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTensorType_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", (GgufTensorType)4, 0, 32).Pad().Zeros(128).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("unknown tensor type 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShapeNotAWholeNumberOfBlocks_IsRejected()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("t", GgufTensorType.Q8_0, 0, 33).Pad().Zeros(128).ToArray();

        var ex = Assert.Throws<GgufFormatException>(() => Read(bytes));

        Assert.Contains("does not fit type Q8_0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuantizedTensor_HasTheBlockByteSize()
    {
        // Q4_K: 256 elements per 144-byte block; 512 × 3 elements = 6 blocks.
        var bytes = RawGguf.Header(1, 0).Tensor("q", GgufTensorType.Q4_K, 0, 512, 3).Pad().Zeros(6 * 144).ToArray();

        var tensor = Read(bytes).Tensors.Single();

        Assert.Equal(6 * 144, tensor.ByteSize);
        Assert.Equal(1536, tensor.ElementCount);
    }

    [Fact]
    public void Read_NoTensors_NeedsNoPaddingAfterTheMetadata()
    {
        var bytes = RawGguf.Header(0, 1).Key("general.architecture", GgufValueType.String).String("llama").ToArray();

        var file = Read(bytes);

        Assert.Empty(file.Tensors);
        Assert.Equal("llama", file.Metadata.GetString("general.architecture"));
    }

    [Fact]
    public void Read_TypedGetterOnWrongType_NamesTheKey()
    {
        var file = Read(RawGguf.Header(0, 1).Key("llama.context_length", GgufValueType.String).String("big").ToArray());

        var ex = Assert.Throws<GgufFormatException>(() => file.Metadata.GetInteger("llama.context_length"));

        Assert.Contains("metadata key 'llama.context_length' has the wrong type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTensorBytes_TensorOfAnotherFile_IsRejected()
    {
        var file = Read(ValidFile());
        var other = Read(ValidFile());
        using var stream = new MemoryStream(ValidFile());

        Assert.Throws<ArgumentException>(() => file.ReadTensorBytes(stream, other.Tensors[0]));
    }

    [Fact]
    public void ReadTensorAsSingles_QuantizedTensor_IsNotSupported()
    {
        var bytes = RawGguf.Header(1, 0).Tensor("q", GgufTensorType.Q8_0, 0, 32).Pad().Zeros(34).ToArray();
        var file = Read(bytes);
        using var stream = new MemoryStream(bytes);

        Assert.Throws<NotSupportedException>(() => file.ReadTensorAsSingles(stream, file.Tensors[0]));
    }

    private static GgufFile Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return GgufFile.Read(stream, "test.gguf");
    }

    /// <summary>A small valid file: a few metadata types and two tensors.</summary>
    private static byte[] ValidFile()
    {
        var writer = new GgufWriter();
        writer.SetMetadata("general.architecture", GgufValue.From("llama"));
        writer.SetMetadata("llama.context_length", GgufValue.From(128u));
        writer.SetMetadata("tokenizer.ggml.tokens", GgufValue.From(["a", "b", "c"]));
        writer.SetMetadata("tokenizer.ggml.scores", GgufValue.From([0f, -1f, -2f]));
        writer.SetMetadata("tokenizer.ggml.add_bos_token", GgufValue.From(false));
        writer.AddTensor("a.weight", [4, 2], new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        writer.AddTensor("b.weight", [3], new float[] { 9, 10, 11 }, GgufTensorType.F16);
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }
}
