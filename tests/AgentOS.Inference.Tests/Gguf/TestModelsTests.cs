using AgentOS.Inference.Gguf;
using AgentOS.Testing;

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>The shared generated test models are deterministic, cached by content and safe to create concurrently.</summary>
public sealed class TestModelsTests
{
    [Fact]
    public void CreateBuilder_SameSpec_WritesIdenticalBytes()
    {
        Assert.Equal(Bytes(TestModelSpec.Tiny), Bytes(TestModelSpec.Tiny with { }));
    }

    [Fact]
    public void CreateBuilder_OtherSeed_WritesOtherWeights()
    {
        Assert.NotEqual(Bytes(TestModelSpec.Tiny), Bytes(TestModelSpec.Tiny with { Seed = 2 }));
    }

    [Fact]
    public void TinyLlamaPath_IsAValidLlamaGgufInTheCacheDirectory()
    {
        var path = TestModels.TinyLlamaPath;

        var summary = GgufModelSummary.From(GgufFile.Read(path));

        Assert.StartsWith(TestModels.CacheDirectory, path, StringComparison.Ordinal);
        Assert.Equal("llama", summary.Architecture);
        Assert.Equal(362, summary.VocabularySize);
        Assert.Equal(8192, summary.ContextLength);
        Assert.Equal(GgufChatTemplates.ChatML, summary.ChatTemplate);
        Assert.Equal("F32", summary.FileType);
    }

    [Fact]
    public void TinyLlamaPath_EverySpecialTokenIsOneControlToken_AndImEndEndsTurnAndSequence()
    {
        var summary = GgufModelSummary.From(GgufFile.Read(TestModels.TinyLlamaPath));

        foreach (var token in TestModels.SpecialTokens)
        {
            var special = Assert.Single(summary.SpecialTokens, t => t.Text == token);
            Assert.Equal(GgufTokenType.Control, special.Type);
        }

        var imEnd = Assert.Single(summary.SpecialTokens, t => t.Text == "<|im_end|>");
        Assert.Equal(["eos", "eot"], imEnd.Roles);
    }

    [Fact]
    public void Create_FromManyThreadsAtOnce_ReturnsOneCompleteFile()
    {
        var spec = TestModelSpec.Tiny with { Seed = 77, BlockCount = 1 };

        var paths = Enumerable.Range(0, 8).AsParallel().Select(_ => TestModels.Create(spec)).Distinct().ToList();

        var path = Assert.Single(paths);
        Assert.Equal(Bytes(spec), File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(TestModels.CacheDirectory, Path.GetFileName(path) + ".*.tmp"));
    }

    [Fact]
    public void Benchmark_HasBetween5And30MillionParameters()
    {
        var parameters = TestModels.CreateBuilder(TestModelSpec.Benchmark).ParameterCount;

        Assert.InRange(parameters, 5_000_000, 30_000_000);
    }

    private static byte[] Bytes(TestModelSpec spec)
    {
        using var stream = new MemoryStream();
        TestModels.CreateBuilder(spec).WriteTo(stream);
        return stream.ToArray();
    }
}
