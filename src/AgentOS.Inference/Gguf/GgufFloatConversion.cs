using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AgentOS.Inference.Gguf;

/// <summary>Converts between 32-bit floats and the float encodings tensors are stored in.</summary>
internal static class GgufFloatConversion
{
    public static float[] ToSingles(GgufTensorType type, ReadOnlySpan<byte> bytes)
    {
        switch (type)
        {
            case GgufTensorType.F32:
                return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            case GgufTensorType.F16:
            {
                var values = new float[bytes.Length / 2];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]));
                }

                return values;
            }

            case GgufTensorType.BF16:
            {
                // bfloat16 is the upper half of a float32.
                var values = new float[bytes.Length / 2];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
                }

                return values;
            }

            default:
                throw new NotSupportedException($"{type} is not a float type.");
        }
    }

    /// <summary>Encodes <paramref name="values"/> as <paramref name="type"/> (F32, F16 or BF16) into <paramref name="destination"/>.</summary>
    public static void FromSingles(GgufTensorType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        switch (type)
        {
            case GgufTensorType.F32:
                MemoryMarshal.AsBytes(values).CopyTo(destination);
                break;
            case GgufTensorType.F16:
                for (var i = 0; i < values.Length; i++)
                {
                    // (Half) rounds to nearest even, as ggml's own conversion does.
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], BitConverter.HalfToUInt16Bits((Half)values[i]));
                }

                break;
            case GgufTensorType.BF16:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], ToBFloat16(values[i]));
                }

                break;
            default:
                throw new NotSupportedException($"{type} is not a float type.");
        }
    }

    public static int BytesPerValue(GgufTensorType type) => type switch
    {
        GgufTensorType.F32 => 4,
        GgufTensorType.F16 or GgufTensorType.BF16 => 2,
        _ => throw new NotSupportedException($"{type} is not a float type."),
    };

    private static ushort ToBFloat16(float value)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        if (float.IsNaN(value))
        {
            // Keep it a NaN (quiet) rather than letting rounding carry it into infinity.
            return (ushort)((bits >> 16) | 0x40);
        }

        // Round to nearest even on the 16 bits dropped, as ggml does.
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }
}
