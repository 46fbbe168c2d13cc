namespace AgentOS.Inference.Gguf;

/// <summary>
/// A GGUF file's header, metadata and tensor table, read and checked without reading the tensor data.
/// <see cref="Read(string)"/> is the cheap check to run before handing a file to native code: it
/// validates every length, the alignment, and that every tensor's data lies inside the file.
/// </summary>
public sealed class GgufFile
{
    /// <summary>Alignment of tensor data when <c>general.alignment</c> is absent.</summary>
    public const uint DefaultAlignment = 32;

    private readonly Dictionary<string, GgufTensorInfo> _tensorsByName;

    internal GgufFile(uint version, uint alignment, long tensorDataOffset, long length, GgufMetadata metadata, IReadOnlyList<GgufTensorInfo> tensors)
    {
        Version = version;
        Alignment = alignment;
        TensorDataOffset = tensorDataOffset;
        Length = length;
        Metadata = metadata;
        Tensors = tensors;
        _tensorsByName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>GGUF format version (2 or 3).</summary>
    public uint Version { get; }

    /// <summary>Alignment of tensor data, from <c>general.alignment</c> or <see cref="DefaultAlignment"/>.</summary>
    public uint Alignment { get; }

    /// <summary>Offset of the tensor data section from the start of the file.</summary>
    public long TensorDataOffset { get; }

    /// <summary>Length of the file in bytes.</summary>
    public long Length { get; }

    /// <summary>The metadata, in file order.</summary>
    public GgufMetadata Metadata { get; }

    /// <summary>The tensors, in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>
    /// Reads and validates the file at <paramref name="path"/> up to its tensor data, and checks that all
    /// tensor data lies inside the file. Reads only the header, metadata and tensor table.
    /// </summary>
    /// <exception cref="GgufFormatException">
    /// The file is missing, unreadable, a directory, empty, truncated, not GGUF, or inconsistent. The
    /// message is one line naming the file.
    /// </exception>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new GgufFormatException($"{path}: {DescribeOpenFailure(path, ex)}", ex);
        }

        using (stream)
        {
            return Read(stream, path);
        }
    }

    /// <summary>
    /// Reads and validates a GGUF from a readable, seekable stream (from its start) up to the tensor
    /// data, and checks that all tensor data lies inside the stream.
    /// </summary>
    /// <param name="stream">The GGUF bytes.</param>
    /// <param name="source">Names the data in error messages, e.g. a file path.</param>
    /// <exception cref="GgufFormatException">The data is not a valid GGUF.</exception>
    public static GgufFile Read(Stream stream, string source = "GGUF stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable.", nameof(stream));
        }

        try
        {
            return GgufParser.Parse(stream, source);
        }
        catch (IOException ex) when (ex is not GgufFormatException)
        {
            throw new GgufFormatException($"{source}: cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The tensor named <paramref name="name"/>, or null when the file has none by that name.</summary>
    public GgufTensorInfo? FindTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _tensorsByName.GetValueOrDefault(name);
    }

    /// <summary>Reads the raw bytes of one tensor of this file from <paramref name="stream"/> (the same file).</summary>
    /// <exception cref="GgufFormatException">The stream ends before the tensor's data does.</exception>
    public byte[] ReadTensorBytes(Stream stream, GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckOwnTensor(tensor);
        if (tensor.ByteSize > Array.MaxLength)
        {
            throw new NotSupportedException($"Tensor '{tensor.Name}' has {tensor.ByteSize} bytes, more than one array can hold.");
        }

        var bytes = new byte[tensor.ByteSize];
        try
        {
            stream.Position = tensor.FileOffset;
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException ex)
        {
            throw new GgufFormatException($"The data of tensor '{tensor.Name}' ends past the end of the stream (truncated file).", ex);
        }

        return bytes;
    }

    /// <summary>
    /// Reads one tensor of this file from <paramref name="stream"/> (the same file) as 32-bit floats, in
    /// storage order (ggml's <c>Dimensions[0]</c> fastest, i.e. row-major for a matrix of
    /// <c>Dimensions[1]</c> rows). F16 and BF16 are widened exactly.
    /// </summary>
    /// <exception cref="NotSupportedException">The tensor is quantized or an integer type.</exception>
    /// <exception cref="GgufFormatException">The stream ends before the tensor's data does.</exception>
    public float[] ReadTensorAsSingles(Stream stream, GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Type is not (GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.BF16))
        {
            throw new NotSupportedException($"Tensor '{tensor.Name}' is {tensor.Type}; only F32, F16 and BF16 tensors can be read as floats.");
        }

        var bytes = ReadTensorBytes(stream, tensor);
        return GgufFloatConversion.ToSingles(tensor.Type, bytes);
    }

    /// <summary>Rounds <paramref name="offset"/> up to a multiple of <paramref name="alignment"/>.</summary>
    internal static long Align(long offset, uint alignment) => (offset + alignment - 1) / alignment * alignment;

    private void CheckOwnTensor(GgufTensorInfo tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!_tensorsByName.TryGetValue(tensor.Name, out var own) || !ReferenceEquals(own, tensor))
        {
            throw new ArgumentException($"Tensor '{tensor.Name}' does not belong to this file.", nameof(tensor));
        }
    }

    private static string DescribeOpenFailure(string path, Exception ex) => ex switch
    {
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "file not found (its directory does not exist)",
        UnauthorizedAccessException when Directory.Exists(path) => "is a directory, not a model file",
        UnauthorizedAccessException => "permission denied",
        _ => "cannot be opened: " + ex.Message,
    };
}
