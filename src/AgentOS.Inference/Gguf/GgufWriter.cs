using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentOS.Inference.Gguf;

/// <summary>
/// Writes a GGUF (version 3, little-endian): metadata in the order it was set, then the tensor table
/// and the tensor data, each tensor's data aligned to <see cref="Alignment"/>. Tensor data is held by
/// reference until <see cref="WriteTo(Stream)"/>, so a model's weights are not copied in memory.
/// </summary>
public sealed class GgufWriter
{
    private const uint FormatVersion = 3;

    private readonly OrderedDictionary<string, GgufValue> _metadata = new(StringComparer.Ordinal);
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    /// <summary>Creates a writer.</summary>
    /// <param name="alignment">
    /// Alignment of tensor data in bytes: a power of two, at least 8. Default 32, the value readers assume
    /// when the file does not say; any other value is written as <c>general.alignment</c>.
    /// </param>
    public GgufWriter(uint alignment = GgufFile.DefaultAlignment)
    {
        if (!uint.IsPow2(alignment) || alignment < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "The alignment must be a power of two of at least 8.");
        }

        Alignment = alignment;
    }

    /// <summary>Alignment of tensor data in bytes.</summary>
    public uint Alignment { get; }

    /// <summary>Sets a metadata entry; setting a key again replaces its value but keeps its place.</summary>
    /// <exception cref="ArgumentException">
    /// The key is empty, longer than 65535 bytes, or <c>general.alignment</c> (set through the constructor).
    /// </exception>
    public void SetMetadata(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == GgufKeys.Alignment)
        {
            throw new ArgumentException("The alignment is set through the GgufWriter constructor.", nameof(key));
        }

        if (Encoding.UTF8.GetByteCount(key) > GgufParser.MaxKeyBytes)
        {
            throw new ArgumentException($"A metadata key holds at most {GgufParser.MaxKeyBytes} bytes.", nameof(key));
        }

        _metadata[key] = value;
    }

    /// <summary>Adds a tensor whose data is already encoded as <paramref name="type"/>.</summary>
    /// <param name="name">Unique name of at most 63 UTF-8 bytes, e.g. <c>blk.0.attn_q.weight</c>.</param>
    /// <param name="type">Storage type of <paramref name="data"/>.</param>
    /// <param name="dimensions">Shape in ggml order (first dimension fastest), 1 to 4 dimensions.</param>
    /// <param name="data">The encoded bytes; their length must match the type and shape. Not copied.</param>
    public void AddTensor(string name, GgufTensorType type, IReadOnlyList<long> dimensions, ReadOnlyMemory<byte> data)
    {
        var shape = CheckTensor(name, type, dimensions, out var byteSize);
        if (data.Length != byteSize)
        {
            throw new ArgumentException($"Tensor '{name}' of type {type} and shape [{string.Join(", ", shape)}] needs {byteSize} bytes, not {data.Length}.", nameof(data));
        }

        _tensors.Add(new PendingTensor(name, type, shape, byteSize, data, default));
        _tensorNames.Add(name);
    }

    /// <summary>Adds a tensor from 32-bit floats, stored as F32, F16 or BF16 (converted while writing).</summary>
    /// <param name="name">Unique name of at most 63 UTF-8 bytes, e.g. <c>blk.0.attn_q.weight</c>.</param>
    /// <param name="dimensions">Shape in ggml order (first dimension fastest), 1 to 4 dimensions.</param>
    /// <param name="values">The values in storage order; their count must match the shape. Not copied.</param>
    /// <param name="storageType">F32 (default), F16 or BF16.</param>
    public void AddTensor(string name, IReadOnlyList<long> dimensions, ReadOnlyMemory<float> values, GgufTensorType storageType = GgufTensorType.F32)
    {
        if (storageType is not (GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.BF16))
        {
            throw new ArgumentException($"Floats can be stored as F32, F16 or BF16, not {storageType}.", nameof(storageType));
        }

        var shape = CheckTensor(name, storageType, dimensions, out var byteSize);
        var elements = byteSize / GgufFloatConversion.BytesPerValue(storageType);
        if (values.Length != elements)
        {
            throw new ArgumentException($"Tensor '{name}' of shape [{string.Join(", ", shape)}] has {elements} elements, not {values.Length}.", nameof(values));
        }

        _tensors.Add(new PendingTensor(name, storageType, shape, byteSize, default, values));
        _tensorNames.Add(name);
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> through a temporary file in the same directory that is
    /// then renamed over it, so no reader (or concurrent writer) ever sees a half-written file.
    /// </summary>
    public void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                WriteTo(stream);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes the file to <paramref name="stream"/>, from its current position.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        // The header (metadata and tensor table) is built in memory first: its length decides the
        // padding before the tensor data, and it is small next to the data (a few MB for a big vocabulary).
        using var header = new MemoryStream();
        using (var output = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            WriteHeader(output);
            WritePadding(output, header.Length);
        }

        header.Position = 0;
        header.CopyTo(stream);
        using (var output = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var tensor in _tensors)
            {
                WriteData(output, tensor);
                WritePadding(output, tensor.ByteSize);
            }
        }

        stream.Flush();
    }

    private void WriteHeader(BinaryWriter output)
    {
        output.Write("GGUF"u8);
        output.Write(FormatVersion);
        output.Write((ulong)_tensors.Count);
        var writeAlignment = Alignment != GgufFile.DefaultAlignment;
        output.Write((ulong)(_metadata.Count + (writeAlignment ? 1 : 0)));
        if (writeAlignment)
        {
            WriteString(output, GgufKeys.Alignment);
            output.Write((uint)GgufValueType.UInt32);
            output.Write(Alignment);
        }

        foreach (var (key, value) in _metadata)
        {
            WriteString(output, key);
            output.Write((uint)value.Type);
            WriteValue(output, value);
        }

        long offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(output, tensor.Name);
            output.Write((uint)tensor.Dimensions.Length);
            foreach (var dimension in tensor.Dimensions)
            {
                output.Write((ulong)dimension);
            }

            output.Write((uint)tensor.Type);
            output.Write((ulong)offset);
            offset = GgufFile.Align(offset + tensor.ByteSize, Alignment);
        }
    }

    private long[] CheckTensor(string name, GgufTensorType type, IReadOnlyList<long> dimensions, out long byteSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        if (Encoding.UTF8.GetByteCount(name) > GgufParser.MaxTensorNameBytes)
        {
            throw new ArgumentException($"Tensor name '{name}' is longer than {GgufParser.MaxTensorNameBytes} UTF-8 bytes.", nameof(name));
        }

        if (_tensorNames.Contains(name))
        {
            throw new ArgumentException($"A tensor named '{name}' was already added.", nameof(name));
        }

        if (dimensions.Count is < 1 or > GgufParser.MaxDimensions)
        {
            throw new ArgumentException($"A tensor has 1 to {GgufParser.MaxDimensions} dimensions, not {dimensions.Count}.", nameof(dimensions));
        }

        if (dimensions.Any(d => d < 0))
        {
            throw new ArgumentException("Tensor dimensions cannot be negative.", nameof(dimensions));
        }

        var shape = dimensions.ToArray();
        byteSize = GgufTensorTypeLayout.ByteSize(type, shape)
            ?? throw new ArgumentException($"Shape [{string.Join(", ", shape)}] does not fit type {type} (the first dimension must be a whole number of blocks).", nameof(dimensions));
        return shape;
    }

    private void WritePadding(BinaryWriter output, long length)
    {
        var padding = GgufFile.Align(length, Alignment) - length;
        for (var i = 0; i < padding; i++)
        {
            output.Write((byte)0);
        }
    }

    private static void WriteData(BinaryWriter output, PendingTensor tensor)
    {
        if (tensor.Floats.IsEmpty)
        {
            output.Write(tensor.Bytes.Span);
            return;
        }

        // Convert in slices so an F16 copy of a large tensor never exists whole in memory.
        const int SliceValues = 16 * 1024;
        var bytesPerValue = GgufFloatConversion.BytesPerValue(tensor.Type);
        var buffer = ArrayPool<byte>.Shared.Rent(SliceValues * 4);
        try
        {
            var values = tensor.Floats.Span;
            for (var i = 0; i < values.Length; i += SliceValues)
            {
                var slice = values.Slice(i, Math.Min(SliceValues, values.Length - i));
                var bytes = buffer.AsSpan(0, slice.Length * bytesPerValue);
                GgufFloatConversion.FromSingles(tensor.Type, slice, bytes);
                output.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteString(BinaryWriter output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        output.Write((ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteValue(BinaryWriter output, GgufValue value)
    {
        switch (value.RawValue)
        {
            case byte v: output.Write(v); break;
            case sbyte v: output.Write(v); break;
            case ushort v: output.Write(v); break;
            case short v: output.Write(v); break;
            case uint v: output.Write(v); break;
            case int v: output.Write(v); break;
            case ulong v: output.Write(v); break;
            case long v: output.Write(v); break;
            case float v: output.Write(v); break;
            case double v: output.Write(v); break;
            case bool v: output.Write((byte)(v ? 1 : 0)); break;
            case string v: WriteString(output, v); break;
            case Array array:
                output.Write((uint)value.ElementType!.Value);
                output.Write((ulong)array.Length);
                WriteElements(output, array);
                break;
            default:
                throw new InvalidOperationException($"Unexpected metadata value of type {value.RawValue.GetType()}.");
        }
    }

    private static void WriteElements(BinaryWriter output, Array array)
    {
        switch (array)
        {
            case string[] strings:
                foreach (var s in strings)
                {
                    WriteString(output, s);
                }

                break;
            case bool[] bools:
                foreach (var b in bools)
                {
                    output.Write((byte)(b ? 1 : 0));
                }

                break;
            case GgufValue[] arrays:
                // An element of an array of arrays carries its own element type and length, not a value type.
                foreach (var nested in arrays)
                {
                    WriteValue(output, nested);
                }

                break;
            case byte[] v: output.Write(v); break;
            case sbyte[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ushort[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case short[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case uint[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case int[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case ulong[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case long[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case float[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            case double[] v: output.Write(MemoryMarshal.AsBytes(v.AsSpan())); break;
            default:
                throw new InvalidOperationException($"Unexpected metadata array of type {array.GetType()}.");
        }
    }

    private sealed record PendingTensor(string Name, GgufTensorType Type, long[] Dimensions, long ByteSize, ReadOnlyMemory<byte> Bytes, ReadOnlyMemory<float> Floats);
}
