using System.Globalization;

namespace AgentOS.Inference.Gguf;

/// <summary>
/// One GGUF metadata value: a scalar, a string, or an array (whose elements may themselves be arrays).
/// Immutable; create values with the <c>From</c> overloads, whose C# parameter type picks the GGUF type
/// (<c>From(32u)</c> is a <see cref="GgufValueType.UInt32"/>, <c>From(new[] { "a" })</c> an array of strings).
/// </summary>
public sealed class GgufValue
{
    private readonly object _value;

    private GgufValue(GgufValueType type, GgufValueType? elementType, object value)
    {
        Type = type;
        ElementType = elementType;
        _value = value;
    }

    /// <summary>The value's type.</summary>
    public GgufValueType Type { get; }

    /// <summary>For an array, the type of its elements; <see langword="null"/> for anything else.</summary>
    public GgufValueType? ElementType { get; }

    /// <summary>Number of elements of an array value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an array.</exception>
    public int ArrayLength => Type == GgufValueType.Array
        ? ((Array)_value).Length
        : throw new InvalidOperationException($"The value is a {Type}, not an array.");

    /// <summary>An unsigned 8-bit value.</summary>
    public static GgufValue From(byte value) => new(GgufValueType.UInt8, null, value);

    /// <summary>A signed 8-bit value.</summary>
    public static GgufValue From(sbyte value) => new(GgufValueType.Int8, null, value);

    /// <summary>An unsigned 16-bit value.</summary>
    public static GgufValue From(ushort value) => new(GgufValueType.UInt16, null, value);

    /// <summary>A signed 16-bit value.</summary>
    public static GgufValue From(short value) => new(GgufValueType.Int16, null, value);

    /// <summary>An unsigned 32-bit value.</summary>
    public static GgufValue From(uint value) => new(GgufValueType.UInt32, null, value);

    /// <summary>A signed 32-bit value.</summary>
    public static GgufValue From(int value) => new(GgufValueType.Int32, null, value);

    /// <summary>An unsigned 64-bit value.</summary>
    public static GgufValue From(ulong value) => new(GgufValueType.UInt64, null, value);

    /// <summary>A signed 64-bit value.</summary>
    public static GgufValue From(long value) => new(GgufValueType.Int64, null, value);

    /// <summary>A 32-bit float value.</summary>
    public static GgufValue From(float value) => new(GgufValueType.Float32, null, value);

    /// <summary>A 64-bit float value.</summary>
    public static GgufValue From(double value) => new(GgufValueType.Float64, null, value);

    /// <summary>A boolean value.</summary>
    public static GgufValue From(bool value) => new(GgufValueType.Bool, null, value);

    /// <summary>A string value.</summary>
    public static GgufValue From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.String, null, value);
    }

    /// <summary>An array of unsigned 8-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<byte> values) => ArrayOf(GgufValueType.UInt8, values);

    /// <summary>An array of signed 8-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<sbyte> values) => ArrayOf(GgufValueType.Int8, values);

    /// <summary>An array of unsigned 16-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<ushort> values) => ArrayOf(GgufValueType.UInt16, values);

    /// <summary>An array of signed 16-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<short> values) => ArrayOf(GgufValueType.Int16, values);

    /// <summary>An array of unsigned 32-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<uint> values) => ArrayOf(GgufValueType.UInt32, values);

    /// <summary>An array of signed 32-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<int> values) => ArrayOf(GgufValueType.Int32, values);

    /// <summary>An array of unsigned 64-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<ulong> values) => ArrayOf(GgufValueType.UInt64, values);

    /// <summary>An array of signed 64-bit values (copied).</summary>
    public static GgufValue From(IEnumerable<long> values) => ArrayOf(GgufValueType.Int64, values);

    /// <summary>An array of 32-bit floats (copied).</summary>
    public static GgufValue From(IEnumerable<float> values) => ArrayOf(GgufValueType.Float32, values);

    /// <summary>An array of 64-bit floats (copied).</summary>
    public static GgufValue From(IEnumerable<double> values) => ArrayOf(GgufValueType.Float64, values);

    /// <summary>An array of booleans (copied).</summary>
    public static GgufValue From(IEnumerable<bool> values) => ArrayOf(GgufValueType.Bool, values);

    /// <summary>An array of strings (copied).</summary>
    public static GgufValue From(IEnumerable<string> values)
    {
        var array = Copy(values);
        if (System.Array.IndexOf(array, null) >= 0)
        {
            throw new ArgumentException("A string array cannot hold null.", nameof(values));
        }

        return new(GgufValueType.Array, GgufValueType.String, array);
    }

    /// <summary>An array of arrays: every element must itself be an array value (copied).</summary>
    public static GgufValue From(IEnumerable<GgufValue> arrays)
    {
        var array = Copy(arrays);
        if (array.Any(a => a is null || a.Type != GgufValueType.Array))
        {
            throw new ArgumentException("Every element of an array of arrays must be an array value.", nameof(arrays));
        }

        return new(GgufValueType.Array, GgufValueType.Array, array);
    }

    /// <summary>The value as a string.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => _value as string ?? throw Mismatch("a string");

    /// <summary>The value as a boolean.</summary>
    /// <exception cref="InvalidOperationException">The value is not a boolean.</exception>
    public bool AsBoolean() => _value is bool b ? b : throw Mismatch("a boolean");

    /// <summary>Any integer value (of any width and signedness) as a 64-bit signed integer.</summary>
    /// <exception cref="InvalidOperationException">The value is not an integer, or a UInt64 above <see cref="long.MaxValue"/>.</exception>
    public long AsInt64() => _value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        ulong v => throw new InvalidOperationException($"The value {v} does not fit a 64-bit signed integer."),
        _ => throw Mismatch("an integer"),
    };

    /// <summary>Any floating-point value (32 or 64 bits) as a double.</summary>
    /// <exception cref="InvalidOperationException">The value is not a float.</exception>
    public double AsDouble() => _value switch
    {
        float v => v,
        double v => v,
        _ => throw Mismatch("a floating-point number"),
    };

    /// <summary>
    /// The elements of an array value whose elements are exactly <typeparamref name="T"/>: <see cref="byte"/>,
    /// <see cref="sbyte"/>, <see cref="ushort"/>, <see cref="short"/>, <see cref="uint"/>, <see cref="int"/>,
    /// <see cref="ulong"/>, <see cref="long"/>, <see cref="float"/>, <see cref="double"/>, <see cref="bool"/>,
    /// <see cref="string"/>, or <see cref="GgufValue"/> for an array of arrays. No copy is made.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not an array of <typeparamref name="T"/>.</exception>
    public IReadOnlyList<T> AsArray<T>()
    {
        // An exact type check: the runtime lets an int[] pass as a uint[] (and an sbyte[] as a byte[]).
        return _value.GetType() == typeof(T[]) ? (T[])_value : throw Mismatch($"an array of {typeof(T).Name}");
    }

    /// <summary>
    /// A short human-readable rendering: scalars as they are, strings quoted, arrays as their element
    /// type and length (an array's contents can be megabytes).
    /// </summary>
    public override string ToString() => _value switch
    {
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        Array a => $"[{ElementType} × {a.Length}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => _value.ToString() ?? string.Empty,
    };

    /// <summary>The stored object: a boxed scalar, a string, or a typed array (GgufValue[] for nested arrays).</summary>
    internal object RawValue => _value;

    /// <summary>Wraps an array the reader built; the reader hands over ownership, so no copy is made.</summary>
    internal static GgufValue WrapArray(GgufValueType elementType, Array values) => new(GgufValueType.Array, elementType, values);

    /// <summary>Wraps a scalar or string the reader decoded.</summary>
    internal static GgufValue WrapScalar(GgufValueType type, object value) => new(type, null, value);

    private static GgufValue ArrayOf<T>(GgufValueType elementType, IEnumerable<T> values) => new(GgufValueType.Array, elementType, Copy(values));

    private static T[] Copy<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.ToArray();
    }

    private InvalidOperationException Mismatch(string expected)
    {
        var actual = Type == GgufValueType.Array ? $"an array of {ElementType}" : $"a {Type}";
        return new InvalidOperationException($"The value is {actual}, not {expected}.");
    }
}
