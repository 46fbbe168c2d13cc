using AgentOS.Testing;

namespace AgentOS.Inference.Tests;

/// <summary>Bad files must become a <see cref="ModelLoadException"/> with a clear message, before native code sees them.</summary>
public sealed class ModelLoadFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentos-bad-models-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_MissingFile_ThrowsModelLoadException()
    {
        var path = Path.Combine(_directory, "missing.gguf");

        var ex = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));

        Assert.Equal(path, ex.ModelPath);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Directory_ThrowsModelLoadException()
    {
        Assert.Throws<ModelLoadException>(() => LlamaModel.Load(_directory));
    }

    [Fact]
    public void Load_EmptyFile_ThrowsModelLoadException()
    {
        var path = Write("empty.gguf", []);

        var ex = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));

        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(-1000)]
    public void Load_TruncatedFile_ThrowsModelLoadException(int keep)
    {
        var model = File.ReadAllBytes(TestModels.TinyLlamaPath);
        var length = keep > 0 ? keep : model.Length + keep;
        var path = Write("truncated.gguf", model.AsSpan(0, length).ToArray());

        var ex = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongMagic_ThrowsModelLoadException()
    {
        var model = File.ReadAllBytes(TestModels.TinyLlamaPath);
        "GGML"u8.CopyTo(model);
        var path = Write("magic.gguf", model);

        var ex = Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));

        Assert.Contains("GGUF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RandomBytes_ThrowsModelLoadException()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var path = Write("random.gguf", bytes);

        Assert.Throws<ModelLoadException>(() => LlamaModel.Load(path));
    }

    [Fact]
    public void Load_AfterBadFiles_ProcessStillLoadsGoodModel()
    {
        Assert.Throws<ModelLoadException>(() => LlamaModel.Load(Write("bad.gguf", "GGUF"u8.ToArray())));

        using var model = LlamaModel.Load(TestModels.TinyLlamaPath);

        Assert.Equal("llama", model.Metadata.Architecture);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
