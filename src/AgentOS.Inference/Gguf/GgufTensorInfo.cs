namespace AgentOS.Inference.Gguf;

/// <summary>Where one tensor lies in a GGUF file, and its type and shape.</summary>
public sealed class GgufTensorInfo
{
    internal GgufTensorInfo(string name, GgufTensorType type, long[] dimensions, long elementCount, long byteSize, long dataOffset, long fileOffset)
    {
        Name = name;
        Type = type;
        Dimensions = dimensions;
        ElementCount = elementCount;
        ByteSize = byteSize;
        DataOffset = dataOffset;
        FileOffset = fileOffset;
    }

    /// <summary>The tensor's name, e.g. <c>blk.0.attn_q.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The storage type of its elements.</summary>
    public GgufTensorType Type { get; }

    /// <summary>
    /// The shape in ggml order: <c>Dimensions[0]</c> varies fastest. A row-major matrix of R rows and C
    /// columns is stored as <c>[C, R]</c>.
    /// </summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>Number of elements (the product of the dimensions).</summary>
    public long ElementCount { get; }

    /// <summary>Number of bytes of its data in the file.</summary>
    public long ByteSize { get; }

    /// <summary>Offset of its data from the start of the tensor data section, as written in the file.</summary>
    public long DataOffset { get; }

    /// <summary>Offset of its data from the start of the file.</summary>
    public long FileOffset { get; }

    /// <summary>Name, type and shape, e.g. <c>output.weight F32 [64, 362]</c>.</summary>
    public override string ToString() => $"{Name} {Type} [{string.Join(", ", Dimensions)}]";
}
