using AgentOS.Inference.Gguf;

// CA1861 (constant array arguments): the literal arrays are the test data, each used once.
#pragma warning disable CA1861

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>What <see cref="GgufWriter"/> writes, <see cref="GgufFile"/> reads back unchanged.</summary>
public sealed class GgufRoundTripTests : IDisposable
{
    private readonly GgufTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, GgufValue, GgufValueType, object> Scalars => new()
    {
        { "u8", GgufValue.From(byte.MaxValue), GgufValueType.UInt8, byte.MaxValue },
        { "i8", GgufValue.From(sbyte.MinValue), GgufValueType.Int8, sbyte.MinValue },
        { "u16", GgufValue.From(ushort.MaxValue), GgufValueType.UInt16, ushort.MaxValue },
        { "i16", GgufValue.From(short.MinValue), GgufValueType.Int16, short.MinValue },
        { "u32", GgufValue.From(uint.MaxValue), GgufValueType.UInt32, uint.MaxValue },
        { "i32", GgufValue.From(int.MinValue), GgufValueType.Int32, int.MinValue },
        { "u64", GgufValue.From(ulong.MaxValue), GgufValueType.UInt64, ulong.MaxValue },
        { "i64", GgufValue.From(long.MinValue), GgufValueType.Int64, long.MinValue },
        { "f32", GgufValue.From(-1.5e-7f), GgufValueType.Float32, -1.5e-7f },
        { "f64", GgufValue.From(Math.PI), GgufValueType.Float64, Math.PI },
        { "true", GgufValue.From(true), GgufValueType.Bool, true },
        { "false", GgufValue.From(false), GgufValueType.Bool, false },
        { "string", GgufValue.From("Grüße ▁ <|im_end|> 🙂"), GgufValueType.String, "Grüße ▁ <|im_end|> 🙂" },
        { "empty", GgufValue.From(string.Empty), GgufValueType.String, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void WriteTo_Scalar_ReadsBackSameTypeAndValue(string key, GgufValue value, GgufValueType type, object expected)
    {
        var read = RoundTrip(w => w.SetMetadata(key, value)).Metadata[key];

        Assert.Equal(type, read.Type);
        Assert.Null(read.ElementType);
        Assert.Equal(expected, read.RawValue);
    }

    [Fact]
    public void WriteTo_ArrayOfEveryElementType_ReadsBackSameElements()
    {
        var file = RoundTrip(w =>
        {
            w.SetMetadata("u8", GgufValue.From(new byte[] { 0, 1, 255 }));
            w.SetMetadata("i8", GgufValue.From(new sbyte[] { -128, 0, 127 }));
            w.SetMetadata("u16", GgufValue.From(new ushort[] { 0, 65535 }));
            w.SetMetadata("i16", GgufValue.From(new short[] { -32768, 32767 }));
            w.SetMetadata("u32", GgufValue.From(new uint[] { 0, uint.MaxValue }));
            w.SetMetadata("i32", GgufValue.From(new[] { int.MinValue, 0, int.MaxValue }));
            w.SetMetadata("u64", GgufValue.From(new ulong[] { 0, ulong.MaxValue }));
            w.SetMetadata("i64", GgufValue.From(new[] { long.MinValue, long.MaxValue }));
            w.SetMetadata("f32", GgufValue.From(new[] { float.NegativeInfinity, -0f, 1.25f, float.MaxValue }));
            w.SetMetadata("f64", GgufValue.From(new[] { double.Epsilon, -2.5 }));
            w.SetMetadata("bool", GgufValue.From(new[] { true, false, true }));
            w.SetMetadata("str", GgufValue.From(new[] { "<unk>", string.Empty, "▁the", "\n" }));
            w.SetMetadata("empty", GgufValue.From(Array.Empty<int>()));
        });
        var m = file.Metadata;

        Assert.Equal(new byte[] { 0, 1, 255 }, m.GetArray<byte>("u8"));
        Assert.Equal(new sbyte[] { -128, 0, 127 }, m.GetArray<sbyte>("i8"));
        Assert.Equal(new ushort[] { 0, 65535 }, m.GetArray<ushort>("u16"));
        Assert.Equal(new short[] { -32768, 32767 }, m.GetArray<short>("i16"));
        Assert.Equal(new uint[] { 0, uint.MaxValue }, m.GetArray<uint>("u32"));
        Assert.Equal(new[] { int.MinValue, 0, int.MaxValue }, m.GetArray<int>("i32"));
        Assert.Equal(new ulong[] { 0, ulong.MaxValue }, m.GetArray<ulong>("u64"));
        Assert.Equal(new[] { long.MinValue, long.MaxValue }, m.GetArray<long>("i64"));
        Assert.Equal(new[] { float.NegativeInfinity, -0f, 1.25f, float.MaxValue }, m.GetArray<float>("f32"));
        Assert.Equal(new[] { double.Epsilon, -2.5 }, m.GetArray<double>("f64"));
        Assert.Equal(new[] { true, false, true }, m.GetArray<bool>("bool"));
        Assert.Equal(new[] { "<unk>", string.Empty, "▁the", "\n" }, m.GetArray<string>("str"));
        Assert.Empty(m.GetArray<int>("empty")!);
        Assert.Equal(GgufValueType.Int32, m["empty"].ElementType);
        Assert.Equal(GgufValueType.Float32, m["f32"].ElementType);
    }

    [Fact]
    public void WriteTo_ArrayOfArrays_ReadsBackEachInnerArrayWithItsOwnType()
    {
        var nested = GgufValue.From(new[]
        {
            GgufValue.From(new[] { 1, 2 }),
            GgufValue.From(new[] { "x" }),
            GgufValue.From(new[] { GgufValue.From(new[] { 0.5 }) }),
        });

        var read = RoundTrip(w => w.SetMetadata("nested", nested)).Metadata["nested"];

        Assert.Equal(GgufValueType.Array, read.ElementType);
        var inner = read.AsArray<GgufValue>();
        Assert.Equal(new[] { 1, 2 }, inner[0].AsArray<int>());
        Assert.Equal(new[] { "x" }, inner[1].AsArray<string>());
        Assert.Equal(new[] { 0.5 }, inner[2].AsArray<GgufValue>()[0].AsArray<double>());
    }

    [Fact]
    public void WriteTo_Metadata_KeepsInsertionOrderAndReplacesInPlace()
    {
        var file = RoundTrip(w =>
        {
            w.SetMetadata("c", GgufValue.From(1));
            w.SetMetadata("a", GgufValue.From(2));
            w.SetMetadata("b", GgufValue.From(3));
            w.SetMetadata("c", GgufValue.From(4));
        });

        Assert.Equal(["c", "a", "b"], file.Metadata.Keys);
        Assert.Equal(4, file.Metadata.GetInteger("c"));
    }

    [Fact]
    public void WriteTo_FloatTensors_ReadBackInEachStorageType()
    {
        float[] values = [0f, 1f, -2.5f, 65504f, 1e-3f, -0.333333f, 3.14159f, 100.25f];
        var file = RoundTrip(w =>
        {
            w.AddTensor("f32", [4, 2], values);
            w.AddTensor("f16", [4, 2], values, GgufTensorType.F16);
            w.AddTensor("bf16", [8], values, GgufTensorType.BF16);
        });
        using var stream = File.OpenRead(_files.PathOf("roundtrip.gguf"));

        Assert.Equal(values, file.ReadTensorAsSingles(stream, file.FindTensor("f32")!));
        Assert.Equal(values.Select(v => (float)(Half)v), file.ReadTensorAsSingles(stream, file.FindTensor("f16")!));
        var bf16 = file.ReadTensorAsSingles(stream, file.FindTensor("bf16")!);
        for (var i = 0; i < values.Length; i++)
        {
            // bfloat16 keeps 8 significant bits: rounding to nearest errs by at most 2^-8 relative.
            Assert.True(Math.Abs(bf16[i] - values[i]) <= Math.Abs(values[i]) / 256, $"{bf16[i]} vs {values[i]}");
        }

        Assert.Equal(GgufTensorType.F16, file.FindTensor("f16")!.Type);
        Assert.Equal(16, file.FindTensor("f16")!.ByteSize);
    }

    [Fact]
    public void WriteTo_RawTensors_ReadBackByteForByte()
    {
        var q8 = new byte[2 * 3 * 34];
        new Random(5).NextBytes(q8);
        var i32 = Enumerable.Range(0, 24).SelectMany(i => BitConverter.GetBytes(i * 7)).ToArray();
        var file = RoundTrip(w =>
        {
            w.AddTensor("q8", GgufTensorType.Q8_0, [64, 3], q8);
            w.AddTensor("i32", GgufTensorType.I32, [2, 3, 2, 2], i32);
        });
        using var stream = File.OpenRead(_files.PathOf("roundtrip.gguf"));

        Assert.Equal(q8, file.ReadTensorBytes(stream, file.FindTensor("q8")!));
        Assert.Equal(i32, file.ReadTensorBytes(stream, file.FindTensor("i32")!));
        Assert.Equal([2L, 3, 2, 2], file.FindTensor("i32")!.Dimensions);
        Assert.Equal(24, file.FindTensor("i32")!.ElementCount);
    }

    [Theory]
    [InlineData(8u)]
    [InlineData(32u)]
    [InlineData(64u)]
    [InlineData(4096u)]
    public void WriteTo_Alignment_AlignsEveryTensorAndRecordsTheValue(uint alignment)
    {
        var file = RoundTrip(
            w =>
            {
                w.SetMetadata("general.name", GgufValue.From("odd length"));
                w.AddTensor("a", [3], new float[] { 1, 2, 3 });
                w.AddTensor("b", [5], new float[] { 1, 2, 3, 4, 5 });
                w.AddTensor("c", [1], new float[] { 1 });
            },
            alignment);

        Assert.Equal(alignment, file.Alignment);
        Assert.Equal(0, file.TensorDataOffset % alignment);
        Assert.All(file.Tensors, t => Assert.Equal(0, t.DataOffset % alignment));
        Assert.All(file.Tensors, t => Assert.Equal(file.TensorDataOffset + t.DataOffset, t.FileOffset));
        Assert.Equal(alignment != GgufFile.DefaultAlignment, file.Metadata.ContainsKey(GgufKeys.Alignment));
    }

    [Fact]
    public void WriteTo_Path_LeavesOnlyTheFinishedFile()
    {
        var writer = new GgufWriter();
        writer.AddTensor("t", [2], new float[] { 1, 2 });
        var path = _files.PathOf("model.gguf");
        File.WriteAllText(path, "an older file that gets replaced");

        writer.WriteTo(path);

        Assert.Equal(["model.gguf"], Directory.GetFiles(_files.Directory).Select(Path.GetFileName));
        Assert.Single(GgufFile.Read(path).Tensors);
    }

    private GgufFile RoundTrip(Action<GgufWriter> fill, uint alignment = GgufFile.DefaultAlignment)
    {
        var writer = new GgufWriter(alignment);
        fill(writer);
        var path = _files.PathOf("roundtrip.gguf");
        writer.WriteTo(path);
        return GgufFile.Read(path);
    }
}
