namespace AgentOS.Inference.Gguf;

/// <summary>
/// How many elements one block of a tensor type holds and how many bytes it takes, from the block
/// structs of ggml (ggml-common.h). A tensor's first dimension must be a whole number of blocks.
/// </summary>
internal static class GgufTensorTypeLayout
{
    public static bool TryGet(GgufTensorType type, out int blockSize, out int blockBytes)
    {
        (blockSize, blockBytes) = type switch
        {
            GgufTensorType.F32 => (1, 4),
            GgufTensorType.F16 => (1, 2),
            GgufTensorType.BF16 => (1, 2),
            GgufTensorType.F64 => (1, 8),
            GgufTensorType.I8 => (1, 1),
            GgufTensorType.I16 => (1, 2),
            GgufTensorType.I32 => (1, 4),
            GgufTensorType.I64 => (1, 8),
            GgufTensorType.Q4_0 => (32, 18),
            GgufTensorType.Q4_1 => (32, 20),
            GgufTensorType.Q5_0 => (32, 22),
            GgufTensorType.Q5_1 => (32, 24),
            GgufTensorType.Q8_0 => (32, 34),
            GgufTensorType.Q8_1 => (32, 36),
            GgufTensorType.IQ4_NL => (32, 18),
            GgufTensorType.MXFP4 => (32, 17),
            GgufTensorType.Q2_K => (256, 84),
            GgufTensorType.Q3_K => (256, 110),
            GgufTensorType.Q4_K => (256, 144),
            GgufTensorType.Q5_K => (256, 176),
            GgufTensorType.Q6_K => (256, 210),
            GgufTensorType.Q8_K => (256, 292),
            GgufTensorType.IQ2_XXS => (256, 66),
            GgufTensorType.IQ2_XS => (256, 74),
            GgufTensorType.IQ3_XXS => (256, 98),
            GgufTensorType.IQ1_S => (256, 50),
            GgufTensorType.IQ3_S => (256, 110),
            GgufTensorType.IQ2_S => (256, 82),
            GgufTensorType.IQ4_XS => (256, 136),
            GgufTensorType.IQ1_M => (256, 56),
            GgufTensorType.TQ1_0 => (256, 54),
            GgufTensorType.TQ2_0 => (256, 66),
            _ => (0, 0),
        };
        return blockSize != 0;
    }

    /// <summary>
    /// Bytes of a tensor of this type and shape, or null when the first dimension is not a whole number
    /// of blocks or the size overflows 64 bits.
    /// </summary>
    public static long? ByteSize(GgufTensorType type, IReadOnlyList<long> dimensions)
    {
        if (!TryGet(type, out var blockSize, out var blockBytes))
        {
            return null;
        }

        var first = dimensions.Count == 0 ? 1 : dimensions[0];
        if (first % blockSize != 0)
        {
            return null;
        }

        try
        {
            var bytes = checked(first / blockSize * blockBytes);
            for (var i = 1; i < dimensions.Count; i++)
            {
                bytes = checked(bytes * dimensions[i]);
            }

            return bytes;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
