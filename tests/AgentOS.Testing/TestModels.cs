using System.Collections.Concurrent;
using System.Security.Cryptography;
using AgentOS.Inference.Gguf;

namespace AgentOS.Testing;

/// <summary>
/// Deterministic llama-architecture GGUFs with seeded random weights, for tests that run real llama.cpp.
/// </summary>
/// <remarks>
/// <para>
/// The vocabulary (<see cref="CreateVocabulary"/>) is byte-level: <c>&lt;unk&gt;</c> 0, <c>&lt;s&gt;</c> 1,
/// <c>&lt;/s&gt;</c> 2, the byte tokens <c>&lt;0x00&gt;</c>…<c>&lt;0xFF&gt;</c> 3–258, <c>▁</c> 259, the printable
/// ASCII characters <c>!</c>…<c>~</c> 260–353, then <see cref="SpecialTokens"/> as control tokens 354–361.
/// Any text tokenizes (one token per ASCII character, bytes for the rest); <c>&lt;|im_end|&gt;</c> is both EOS and
/// EOT; no BOS is added; no space prefix is added, so tokenizing text in pieces equals tokenizing it whole.
/// The chat template is ChatML.
/// </para>
/// <para>
/// Files are generated once per process into <see cref="CacheDirectory"/>, named by a hash of their content,
/// and written through a temporary file and a rename, so test processes running at once share them safely.
/// </para>
/// </remarks>
public static class TestModels
{
    private static readonly ConcurrentDictionary<TestModelSpec, Lazy<string>> Paths = new();

    /// <summary>The special tokens of the tool-call protocol (DESIGN.md), each a single control token, in vocabulary order.</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } =
    [
        "<|im_start|>", "<|im_end|>", "<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>", "<think>", "</think>",
    ];

    /// <summary>Where generated models are kept: <c>agentos-test-models</c> under the system's temporary directory.</summary>
    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "agentos-test-models");

    /// <summary>Path of the <see cref="TestModelSpec.Tiny"/> model, generated on first use.</summary>
    public static string TinyLlamaPath => Create(TestModelSpec.Tiny);

    /// <summary>Path of the <see cref="TestModelSpec.Benchmark"/> model, generated on first use.</summary>
    public static string BenchmarkLlamaPath => Create(TestModelSpec.Benchmark);

    /// <summary>Returns the path of the model for <paramref name="spec"/>, generating it if this process has not yet.</summary>
    public static string Create(TestModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Paths.GetOrAdd(spec, s => new Lazy<string>(() => Generate(s))).Value;
    }

    /// <summary>The byte-level vocabulary every test model has (layout on the type).</summary>
    public static LlamaGgufVocabulary CreateVocabulary()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Select(c => ((char)c).ToString());
        var vocabulary = LlamaGgufVocabulary.CreateByteLevel(printable, SpecialTokens);
        var endOfTurn = vocabulary.GetId("<|im_end|>");
        return vocabulary with { EosTokenId = endOfTurn, EotTokenId = endOfTurn, AddBos = false, AddEos = false, AddSpacePrefix = false };
    }

    /// <summary>Builds the model for <paramref name="spec"/> (weights in memory, not yet written).</summary>
    public static LlamaGgufBuilder CreateBuilder(TestModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var hyperparameters = new LlamaHyperparameters
        {
            EmbeddingLength = spec.EmbeddingLength,
            BlockCount = spec.BlockCount,
            HeadCount = spec.HeadCount,
            HeadCountKv = spec.HeadCountKv,
            FeedForwardLength = spec.FeedForwardLength,
            ContextLength = spec.ContextLength,
        };
        var builder = new LlamaGgufBuilder(hyperparameters, CreateVocabulary())
        {
            Name = $"agentos-test-{spec.EmbeddingLength}x{spec.BlockCount}-seed{spec.Seed}",
            ChatTemplate = GgufChatTemplates.ChatML,
            MatrixType = spec.MatrixType,
        };

        var random = new Random(spec.Seed);
        builder.SetTensor(LlamaTensor.TokenEmbedding, RandomWeights(random, builder.GetShape(LlamaTensor.TokenEmbedding), 1f));
        for (var block = 0; block < spec.BlockCount; block++)
        {
            foreach (var tensor in Enum.GetValues<LlamaTensor>().Where(LlamaTensorNames.IsPerBlock))
            {
                builder.SetTensor(block, tensor, Weights(random, builder, tensor));
            }
        }

        builder.SetTensor(LlamaTensor.OutputNorm, Ones(spec.EmbeddingLength));

        // Logits with a standard deviation of about 4 keep the top two tokens well apart, so greedy
        // choices do not flip on the last bits that differ between batched and single decoding.
        builder.SetTensor(LlamaTensor.Output, RandomWeights(random, builder.GetShape(LlamaTensor.Output), 4f / MathF.Sqrt(spec.EmbeddingLength)));
        return builder;
    }

    private static float[] Weights(Random random, LlamaGgufBuilder builder, LlamaTensor tensor)
    {
        var shape = builder.GetShape(tensor);
        return tensor is LlamaTensor.AttentionNorm or LlamaTensor.FeedForwardNorm
            ? Ones(shape.Columns)
            : RandomWeights(random, shape, 1f / MathF.Sqrt(shape.Columns));
    }

    /// <summary>Uniform values with the given standard deviation, from <paramref name="random"/> in order.</summary>
    private static float[] RandomWeights(Random random, (int Rows, int Columns) shape, float standardDeviation)
    {
        var halfWidth = standardDeviation * MathF.Sqrt(3f);
        var values = new float[shape.Rows * shape.Columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((random.NextSingle() * 2f) - 1f) * halfWidth;
        }

        return values;
    }

    private static float[] Ones(int length)
    {
        var values = new float[length];
        Array.Fill(values, 1f);
        return values;
    }

    private static string Generate(TestModelSpec spec)
    {
        using var content = new MemoryStream();
        CreateBuilder(spec).WriteTo(content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)))[..16];
        var path = Path.Combine(CacheDirectory, $"llama-{spec.EmbeddingLength}x{spec.BlockCount}-{hash}.gguf");
        if (File.Exists(path) && new FileInfo(path).Length == content.Length)
        {
            return path;
        }

        Directory.CreateDirectory(CacheDirectory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                content.Position = 0;
                content.CopyTo(file);
            }

            // Atomic on one file system: another process either sees no file or the whole file; if two
            // processes race, both rename identical content.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }
}
