using System.Text;
using AgentOS.Inference.Gguf;

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>Writes GGUF bytes field by field, so tests can build files the writer would refuse to produce.</summary>
internal sealed class RawGguf
{
    private readonly List<byte> _bytes = [];

    public long Length => _bytes.Count;

    /// <summary>Magic, version and the two counts.</summary>
    public static RawGguf Header(ulong tensorCount, ulong metadataCount, uint version = 3) =>
        new RawGguf().Bytes("GGUF"u8.ToArray()).UInt32(version).UInt64(tensorCount).UInt64(metadataCount);

    public RawGguf Bytes(byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public RawGguf Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public RawGguf UInt32(uint value) => Bytes(BitConverter.GetBytes(value));

    public RawGguf UInt64(ulong value) => Bytes(BitConverter.GetBytes(value));

    public RawGguf String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return UInt64((ulong)bytes.Length).Bytes(bytes);
    }

    /// <summary>A metadata key and its value type; the value follows with the other methods.</summary>
    public RawGguf Key(string key, GgufValueType type) => String(key).UInt32((uint)type);

    /// <summary>A tensor info entry.</summary>
    public RawGguf Tensor(string name, GgufTensorType type, ulong offset, params ulong[] dimensions)
    {
        String(name).UInt32((uint)dimensions.Length);
        foreach (var d in dimensions)
        {
            UInt64(d);
        }

        return UInt32((uint)type).UInt64(offset);
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/>.</summary>
    public RawGguf Pad(int alignment = 32)
    {
        while (_bytes.Count % alignment != 0)
        {
            _bytes.Add(0);
        }

        return this;
    }

    public RawGguf Zeros(int count) => Bytes(new byte[count]);

    public byte[] ToArray() => [.. _bytes];
}
