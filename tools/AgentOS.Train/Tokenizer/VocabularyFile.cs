using System.Text.Json.Serialization;

namespace AgentOS.Train.Tokenizer;

/// <summary>The JSON form of a <see cref="Vocabulary"/>.</summary>
internal sealed record VocabularyFile(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("tokens")] string[] Tokens,
    [property: JsonPropertyName("scores")] float[] Scores,
    [property: JsonPropertyName("types")] int[] Types);

[JsonSerializable(typeof(VocabularyFile))]
internal sealed partial class VocabularyJson : JsonSerializerContext;
