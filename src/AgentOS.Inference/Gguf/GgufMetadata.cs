using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AgentOS.Inference.Gguf;

/// <summary>
/// The metadata of a GGUF file: keys to values, enumerated in file order. The typed getters return
/// <see langword="null"/> for a missing key and throw <see cref="GgufFormatException"/> naming the key
/// when a value has the wrong type, since a wrong type is a defect of the file, not of the caller.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix",
    Justification = "It is the GGUF spec's metadata section; a Dictionary suffix would name the implementation, not the thing.")]
public sealed class GgufMetadata : IReadOnlyDictionary<string, GgufValue>
{
    private readonly OrderedDictionary<string, GgufValue> _entries;
    private readonly string _source;

    internal GgufMetadata(OrderedDictionary<string, GgufValue> entries, string source)
    {
        _entries = entries;
        _source = source;
    }

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Keys;

    /// <inheritdoc />
    public IEnumerable<GgufValue> Values => _entries.Values;

    /// <inheritdoc />
    public GgufValue this[string key] => _entries[key];

    /// <inheritdoc />
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out GgufValue value) => _entries.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, GgufValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The string stored under <paramref name="key"/>, or null when the key is absent.</summary>
    /// <exception cref="GgufFormatException">The value is not a string.</exception>
    public string? GetString(string key) => Get(key, v => v.AsString());

    /// <summary>The integer (of any width) stored under <paramref name="key"/>, or null when the key is absent.</summary>
    /// <exception cref="GgufFormatException">The value is not an integer or does not fit 64 signed bits.</exception>
    public long? GetInteger(string key) => Get(key, v => (long?)v.AsInt64());

    /// <summary>The float (32 or 64 bits) stored under <paramref name="key"/>, or null when the key is absent.</summary>
    /// <exception cref="GgufFormatException">The value is not a float.</exception>
    public double? GetFloat(string key) => Get(key, v => (double?)v.AsDouble());

    /// <summary>The boolean stored under <paramref name="key"/>, or null when the key is absent.</summary>
    /// <exception cref="GgufFormatException">The value is not a boolean.</exception>
    public bool? GetBoolean(string key) => Get(key, v => (bool?)v.AsBoolean());

    /// <summary>The array of <typeparamref name="T"/> stored under <paramref name="key"/>, or null when the key is absent.</summary>
    /// <exception cref="GgufFormatException">The value is not an array of <typeparamref name="T"/>.</exception>
    public IReadOnlyList<T>? GetArray<T>(string key) => Get(key, v => v.AsArray<T>());

    private TResult? Get<TResult>(string key, Func<GgufValue, TResult> read)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_entries.TryGetValue(key, out var value))
        {
            return default;
        }

        try
        {
            return read(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new GgufFormatException($"{_source}: metadata key '{key}' has the wrong type: {ex.Message}", ex);
        }
    }
}
