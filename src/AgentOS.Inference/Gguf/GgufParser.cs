using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentOS.Inference.Gguf;

/// <summary>
/// Reads the part of a GGUF file before the tensor data. Every length and count in the file is checked
/// against the bytes that remain before anything is allocated or read, so a corrupt or hostile file
/// gives a <see cref="GgufFormatException"/>, never an out-of-bounds read or a huge allocation.
/// </summary>
internal sealed class GgufParser
{
    // ggml's limits: tensor names hold at most 63 bytes (GGML_MAX_NAME = 64 with the terminator) and
    // tensors at most 4 dimensions (GGML_MAX_DIMS). The spec caps keys at 65535 bytes.
    public const int MaxTensorNameBytes = 63;
    public const int MaxDimensions = 4;
    public const int MaxKeyBytes = 65535;

    // Nested arrays are legal but no known writer goes deeper than one level; the cap keeps a crafted
    // file from recursing the stack away.
    private const int MaxArrayNesting = 8;

    // Smallest encodings, used to bound counts before allocating: a metadata entry is at least a key
    // length (8), a type (4) and a one-byte value; a tensor info at least a name length (8), a dimension
    // count (4), a type (4) and an offset (8). (Empty keys and names are rejected later, with a better message.)
    private const int MinMetadataEntryBytes = 13;
    private const int MinTensorInfoBytes = 24;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly string _source;
    private readonly long _length;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private long _bufferFileOffset;
    private int _bufferCount;
    private int _bufferIndex;
    private string _context = "the header";

    private GgufParser(Stream stream, string source)
    {
        _stream = stream;
        _source = source;
        _length = stream.Length;
        _bufferFileOffset = stream.Position;
    }

    private long Position => _bufferFileOffset + _bufferIndex;

    private long Remaining => _length - Position;

    public static GgufFile Parse(Stream stream, string source)
    {
        if (stream.Length == 0)
        {
            throw new GgufFormatException($"{source}: the file is empty, not a GGUF model.");
        }

        stream.Position = 0;
        return new GgufParser(stream, source).ParseFile();
    }

    private GgufFile ParseFile()
    {
        ReadMagic();
        var version = ReadVersion();
        var tensorCount = ReadCount("tensor count", MinTensorInfoBytes);
        var metadataCount = ReadCount("metadata entry count", MinMetadataEntryBytes);

        var entries = new OrderedDictionary<string, GgufValue>(StringComparer.Ordinal);
        for (var i = 0; i < metadataCount; i++)
        {
            _context = $"metadata entry {i + 1} of {metadataCount}";
            var key = ReadString(MaxKeyBytes, "metadata key");
            if (key.Length == 0)
            {
                throw Fail("a metadata key is empty");
            }

            _context = $"metadata key '{key}'";
            var value = ReadValue(ReadValueType(), depth: 0);
            if (!entries.TryAdd(key, value))
            {
                throw Fail($"the metadata key '{key}' appears twice");
            }
        }

        var metadata = new GgufMetadata(entries, _source);
        var alignment = ReadAlignment(entries);

        var infos = new List<(string Name, GgufTensorType Type, long[] Dimensions, long Elements, long Bytes, long Offset)>((int)tensorCount);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tensorCount; i++)
        {
            _context = $"tensor info {i + 1} of {tensorCount}";
            var info = ReadTensorInfo(alignment);
            if (!names.Add(info.Name))
            {
                throw Fail($"the tensor name '{info.Name}' appears twice");
            }

            infos.Add(info);
        }

        _context = "the tensor data";
        var dataOffset = GgufFile.Align(Position, alignment);
        var tensors = PlaceTensors(infos, dataOffset);
        return new GgufFile(version, alignment, dataOffset, _length, metadata, tensors);
    }

    private void ReadMagic()
    {
        var available = (int)Math.Min(4, _length);
        Span<byte> magic = stackalloc byte[4];
        ReadExact(magic[..available]);
        if (available < 4 || !magic.SequenceEqual("GGUF"u8))
        {
            throw new GgufFormatException(
                $"{_source}: not a GGUF file (it starts with {Describe(magic[..available])}, a GGUF file starts with \"GGUF\").");
        }
    }

    private uint ReadVersion()
    {
        var version = ReadUInt32();
        if (version is 2 or 3)
        {
            return version;
        }

        if (version == 1)
        {
            throw Fail("GGUF version 1 is not supported (it predates 64-bit lengths); convert the model with a current llama.cpp");
        }

        if ((version & 0xFFFF) == 0 && BinaryPrimitives.ReverseEndianness(version) is 2 or 3)
        {
            throw Fail("big-endian GGUF files are not supported");
        }

        throw Fail($"GGUF version {version} is not supported (this reader knows versions 2 and 3)");
    }

    private long ReadCount(string what, int minBytesEach)
    {
        var count = ReadUInt64();
        if (count > (ulong)Math.Max(0, Remaining) / (ulong)minBytesEach || count > int.MaxValue)
        {
            throw Fail($"the {what} {count} is more than the {Remaining} remaining bytes could hold (corrupt or truncated file)");
        }

        return (long)count;
    }

    private uint ReadAlignment(OrderedDictionary<string, GgufValue> entries)
    {
        if (!entries.TryGetValue(GgufKeys.Alignment, out var value))
        {
            return GgufFile.DefaultAlignment;
        }

        _context = $"metadata key '{GgufKeys.Alignment}'";
        if (value.Type != GgufValueType.UInt32)
        {
            throw Fail($"the alignment must be a UInt32, not a {value.Type}");
        }

        var alignment = (uint)value.RawValue;
        if (!uint.IsPow2(alignment))
        {
            throw Fail($"the alignment {alignment} is not a power of two");
        }

        return alignment;
    }

    private (string Name, GgufTensorType Type, long[] Dimensions, long Elements, long Bytes, long Offset) ReadTensorInfo(uint alignment)
    {
        var name = ReadString(int.MaxValue, "tensor name");
        if (Utf8.GetByteCount(name) > MaxTensorNameBytes)
        {
            throw Fail($"the tensor name '{name}' is longer than {MaxTensorNameBytes} bytes");
        }

        _context = $"tensor '{name}'";
        var dimensionCount = ReadUInt32();
        if (dimensionCount > MaxDimensions)
        {
            throw Fail($"the tensor has {dimensionCount} dimensions, at most {MaxDimensions} are allowed");
        }

        var dimensions = new long[dimensionCount];
        long elements = 1;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var size = ReadUInt64();
            if (size > long.MaxValue)
            {
                throw Fail($"dimension {d} is {size}, too large");
            }

            dimensions[d] = (long)size;
            if (size != 0 && elements > long.MaxValue / (long)size)
            {
                throw Fail("the element count overflows 64 bits");
            }

            elements *= (long)size;
        }

        var rawType = ReadUInt32();
        var type = (GgufTensorType)rawType;
        if (!GgufTensorTypeLayout.TryGet(type, out var blockSize, out _))
        {
            throw Fail($"unknown tensor type {rawType}");
        }

        var bytes = GgufTensorTypeLayout.ByteSize(type, dimensions)
            ?? throw Fail($"the shape [{string.Join(", ", dimensions)}] does not fit type {type} (first dimension not a multiple of {blockSize}, or the size overflows)");

        var offset = ReadUInt64();
        if (offset > long.MaxValue || offset % alignment != 0)
        {
            throw Fail($"the data offset {offset} is not a multiple of the alignment {alignment}");
        }

        return (name, type, dimensions, elements, bytes, (long)offset);
    }

    private List<GgufTensorInfo> PlaceTensors(
        List<(string Name, GgufTensorType Type, long[] Dimensions, long Elements, long Bytes, long Offset)> infos,
        long dataOffset)
    {
        var tensors = new List<GgufTensorInfo>(infos.Count);
        if (infos.Count == 0)
        {
            return tensors;
        }

        var dataLength = _length - dataOffset;
        if (dataLength < 0)
        {
            throw Fail($"the file ends at byte {_length}, before its tensor data, which starts at byte {dataOffset} (truncated file)");
        }

        foreach (var info in infos)
        {
            if (info.Offset > dataLength || info.Bytes > dataLength - info.Offset)
            {
                throw Fail(
                    $"tensor '{info.Name}' needs bytes {dataOffset + info.Offset} to {dataOffset + info.Offset + info.Bytes} but the file ends at byte {_length} (truncated file)");
            }

            tensors.Add(new GgufTensorInfo(info.Name, info.Type, info.Dimensions, info.Elements, info.Bytes, info.Offset, dataOffset + info.Offset));
        }

        var byOffset = tensors.OrderBy(t => t.DataOffset).ToList();
        for (var i = 1; i < byOffset.Count; i++)
        {
            var previous = byOffset[i - 1];
            if (byOffset[i].DataOffset < previous.DataOffset + previous.ByteSize)
            {
                throw Fail($"the data of tensors '{previous.Name}' and '{byOffset[i].Name}' overlap");
            }
        }

        return tensors;
    }

    private GgufValueType ReadValueType()
    {
        var raw = ReadUInt32();
        if (raw > (uint)GgufValueType.Float64)
        {
            throw Fail($"unknown metadata value type {raw}");
        }

        return (GgufValueType)raw;
    }

    private GgufValue ReadValue(GgufValueType type, int depth)
    {
        switch (type)
        {
            case GgufValueType.UInt8: return GgufValue.From(ReadByte());
            case GgufValueType.Int8: return GgufValue.From((sbyte)ReadByte());
            case GgufValueType.UInt16: return GgufValue.From(ReadUInt16());
            case GgufValueType.Int16: return GgufValue.From((short)ReadUInt16());
            case GgufValueType.UInt32: return GgufValue.From(ReadUInt32());
            case GgufValueType.Int32: return GgufValue.From((int)ReadUInt32());
            case GgufValueType.UInt64: return GgufValue.From(ReadUInt64());
            case GgufValueType.Int64: return GgufValue.From((long)ReadUInt64());
            case GgufValueType.Float32: return GgufValue.From(BitConverter.Int32BitsToSingle((int)ReadUInt32()));
            case GgufValueType.Float64: return GgufValue.From(BitConverter.Int64BitsToDouble((long)ReadUInt64()));
            case GgufValueType.Bool: return GgufValue.From(ReadBool());
            case GgufValueType.String: return GgufValue.WrapScalar(GgufValueType.String, ReadString(int.MaxValue, "string"));
            default: return ReadArray(depth);
        }
    }

    private GgufValue ReadArray(int depth)
    {
        if (depth >= MaxArrayNesting)
        {
            throw Fail($"arrays are nested more than {MaxArrayNesting} deep");
        }

        var elementType = ReadValueType();
        var minBytes = elementType switch
        {
            GgufValueType.String => 8,
            GgufValueType.Array => 12,
            _ => ScalarSize(elementType),
        };
        var count = ReadUInt64();
        if (count > (ulong)Math.Max(0, Remaining) / (ulong)minBytes || count > (ulong)Array.MaxLength)
        {
            throw Fail($"an array of {elementType} claims {count} elements, more than the {Remaining} remaining bytes could hold (corrupt or truncated file)");
        }

        var n = (int)count;
        Array values = elementType switch
        {
            GgufValueType.UInt8 => ReadPrimitives<byte>(n),
            GgufValueType.Int8 => ReadPrimitives<sbyte>(n),
            GgufValueType.UInt16 => ReadPrimitives<ushort>(n),
            GgufValueType.Int16 => ReadPrimitives<short>(n),
            GgufValueType.UInt32 => ReadPrimitives<uint>(n),
            GgufValueType.Int32 => ReadPrimitives<int>(n),
            GgufValueType.UInt64 => ReadPrimitives<ulong>(n),
            GgufValueType.Int64 => ReadPrimitives<long>(n),
            GgufValueType.Float32 => ReadPrimitives<float>(n),
            GgufValueType.Float64 => ReadPrimitives<double>(n),
            GgufValueType.Bool => ReadBools(n),
            GgufValueType.String => ReadStrings(n),
            _ => ReadNestedArrays(n, depth),
        };
        return GgufValue.WrapArray(elementType, values);
    }

    private T[] ReadPrimitives<T>(int count)
        where T : unmanaged
    {
        // GGUF is little-endian, as is every platform .NET runs this project on; the bytes are the values.
        var values = new T[count];
        ReadExact(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private bool[] ReadBools(int count)
    {
        var values = new bool[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadBool();
        }

        return values;
    }

    private string[] ReadStrings(int count)
    {
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadString(int.MaxValue, "string");
        }

        return values;
    }

    private GgufValue[] ReadNestedArrays(int count, int depth)
    {
        var values = new GgufValue[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadArray(depth + 1);
        }

        return values;
    }

    private static int ScalarSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        _ => 8,
    };

    private bool ReadBool()
    {
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw Fail($"a boolean holds {b}, neither 0 nor 1"),
        };
    }

    private string ReadString(int maxBytes, string what)
    {
        var length = ReadUInt64();
        if (length > (ulong)Math.Max(0, Remaining))
        {
            throw Fail($"a {what} claims {length} bytes but only {Remaining} remain (corrupt or truncated file)");
        }

        if (length > (ulong)maxBytes)
        {
            throw Fail($"a {what} of {length} bytes is longer than the allowed {maxBytes}");
        }

        var n = (int)length;
        if (n <= _bufferCount - _bufferIndex)
        {
            var s = Utf8.GetString(_buffer, _bufferIndex, n);
            _bufferIndex += n;
            return s;
        }

        var bytes = new byte[n];
        ReadExact(bytes);
        return Utf8.GetString(bytes);
    }

    private byte ReadByte()
    {
        Fill(1);
        return _buffer[_bufferIndex++];
    }

    private ushort ReadUInt16()
    {
        Fill(2);
        var v = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_bufferIndex));
        _bufferIndex += 2;
        return v;
    }

    private uint ReadUInt32()
    {
        Fill(4);
        var v = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_bufferIndex));
        _bufferIndex += 4;
        return v;
    }

    private ulong ReadUInt64()
    {
        Fill(8);
        var v = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_bufferIndex));
        _bufferIndex += 8;
        return v;
    }

    /// <summary>Copies the next <c>destination.Length</c> bytes of the file, through the buffer.</summary>
    private void ReadExact(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            throw Truncated(destination.Length);
        }

        while (destination.Length > 0)
        {
            if (_bufferIndex == _bufferCount)
            {
                Fill(1);
            }

            var n = Math.Min(destination.Length, _bufferCount - _bufferIndex);
            _buffer.AsSpan(_bufferIndex, n).CopyTo(destination);
            _bufferIndex += n;
            destination = destination[n..];
        }
    }

    /// <summary>Makes at least <paramref name="count"/> (at most the buffer's size) unread bytes sit in the buffer.</summary>
    private void Fill(int count)
    {
        var unread = _bufferCount - _bufferIndex;
        if (unread >= count)
        {
            return;
        }

        if (count > Remaining)
        {
            throw Truncated(count);
        }

        _buffer.AsSpan(_bufferIndex, unread).CopyTo(_buffer);
        _bufferFileOffset += _bufferIndex;
        _bufferIndex = 0;
        _bufferCount = unread;
        while (_bufferCount < count)
        {
            var read = _stream.Read(_buffer, _bufferCount, _buffer.Length - _bufferCount);
            if (read == 0)
            {
                // The stream ended before the length it reported: the file shrank while being read.
                throw Truncated(count);
            }

            _bufferCount += read;
        }
    }

    private GgufFormatException Truncated(int needed) =>
        Fail($"the file ends at byte {_length} but {needed} more bytes are needed (truncated file)");

    private GgufFormatException Fail(string message) =>
        new($"{_source}: {message} (reading {_context}, at byte {Position}).");

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var hex = Convert.ToHexString(bytes);
        var printable = bytes.Length > 0 && !bytes.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E);
        return printable ? $"\"{Encoding.ASCII.GetString(bytes)}\" (0x{hex})" : $"0x{hex}";
    }
}
