using AgentOS.Testing;

namespace AgentOS.Inference.Tests;

public sealed class LlamaModelTests
{
    [Fact]
    public void Load_TinyModel_ReadsMetadata()
    {
        var metadata = TinyModel.Instance.Metadata;

        Assert.Equal("llama", metadata.Architecture);
        Assert.StartsWith("agentos-test-", metadata.Name, StringComparison.Ordinal);
        Assert.Equal(8192, metadata.TrainedContextLength);
        Assert.Equal(64, metadata.EmbeddingLength);
        Assert.Equal(2, metadata.LayerCount);
        Assert.True(metadata.ParameterCount > 100_000);
        Assert.True(metadata.SizeInBytes > 0);
        Assert.Contains("llama", metadata.Description, StringComparison.Ordinal);
        Assert.Contains("<|im_start|>", metadata.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal("llama", metadata.GetString("general.architecture"));
        Assert.Equal("8192", metadata.GetString("llama.context_length"));
        Assert.Null(metadata.GetString("no.such.key"));
    }

    [Fact]
    public void Load_WithProgress_ReportsUpToOne()
    {
        var reports = new List<float>();

        using var model = LlamaModel.Load(TestModels.TinyLlamaPath, progress: new SynchronousProgress(reports.Add));

        Assert.NotEmpty(reports);
        Assert.Equal(1f, reports[^1]);
    }

    [Fact]
    public void Load_CancelledDuringLoad_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cts.Cancel());

        Assert.ThrowsAny<OperationCanceledException>(() => LlamaModel.Load(TestModels.TinyLlamaPath, progress: progress, cancellationToken: cts.Token));
    }

    [Fact]
    public void Load_VocabularyOnly_TokenizesButHasNoContext()
    {
        using var model = LlamaModel.Load(TestModels.TinyLlamaPath, new ModelOptions { VocabularyOnly = true });

        Assert.Equal(TinyModel.Tokenizer.Tokenize("hello"), model.Tokenizer.Tokenize("hello"));
        Assert.Throws<InvalidOperationException>(() => model.CreateContext());
    }

    [Fact]
    public void CreateContext_Defaults_CapsContextAndUsesAllCores()
    {
        using var context = TinyModel.Instance.CreateContext();

        Assert.Equal(ContextOptions.DefaultMaxContextSize, context.ContextSize);
        Assert.Equal(1, context.MaxSequences);
        Assert.Equal(Environment.ProcessorCount, context.Handle.Threads);
    }

    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
