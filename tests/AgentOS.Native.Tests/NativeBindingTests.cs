using AgentOS.Testing;
using Microsoft.Extensions.Logging;

namespace AgentOS.Native.Tests;

/// <summary>The handles and wrappers straight over llama.cpp, on the generated tiny model.</summary>
public sealed class NativeBindingTests
{
    private static readonly Lazy<SafeLlamaModelHandle> Model = new(() =>
    {
        NativeRuntime.EnsureInitialized();
        var parameters = LlamaModelParams.CreateDefault();
        parameters.GpuLayerCount = 0;
        return SafeLlamaModelHandle.LoadFromFile(TestModels.TinyLlamaPath, parameters);
    });

    public NativeBindingTests() => NativeRuntime.EnsureInitialized();

    private static LlamaVocabulary Vocabulary => Model.Value.Vocabulary;

    [Fact]
    public void Model_Metadata_ComesFromTheFile()
    {
        var model = Model.Value;

        Assert.Equal(2, model.LayerCount);
        Assert.Equal(64, model.EmbeddingLength);
        Assert.Equal(4, model.HeadCount);
        Assert.Equal(2, model.KvHeadCount);
        Assert.Equal(8192, model.TrainedContextLength);
        Assert.Equal("llama", model.GetMetadata("general.architecture"));
        Assert.Null(model.GetMetadata("missing.key"));
        Assert.Contains("<|im_start|>", model.GetChatTemplate(), StringComparison.Ordinal);
        Assert.Equal("llama", model.ReadAllMetadata()["general.architecture"]);
        Assert.False(model.HasEncoder);
        Assert.True(model.HasDecoder);
    }

    [Fact]
    public void LoadFromFile_ProgressReturnsFalse_ThrowsOperationCanceled()
    {
        var parameters = LlamaModelParams.CreateDefault();

        Assert.Throws<OperationCanceledException>(() => SafeLlamaModelHandle.LoadFromFile(TestModels.TinyLlamaPath, parameters, _ => false));
    }

    [Fact]
    public void LoadFromFile_ProgressThrows_AbortsWithTheException()
    {
        var parameters = LlamaModelParams.CreateDefault();

        var ex = Assert.Throws<OperationCanceledException>(
            () => SafeLlamaModelHandle.LoadFromFile(TestModels.TinyLlamaPath, parameters, _ => throw new InvalidOperationException("boom")));

        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void Vocabulary_SpecialTokens_AreControlAndEog()
    {
        var imEnd = Vocabulary.Tokenize("<|im_end|>", addSpecial: false, parseSpecial: true).Single();

        Assert.Equal(LlamaVocabType.Spm, Vocabulary.Type);
        Assert.Equal(imEnd, Vocabulary.Eos);
        Assert.True(Vocabulary.IsEndOfGeneration(imEnd));
        Assert.True(Vocabulary.IsControl(imEnd));
        Assert.Equal("<|im_end|>", Vocabulary.GetText(imEnd));
        Assert.Equal("<|im_end|>"u8.ToArray(), Vocabulary.TokenToPiece(imEnd, renderSpecial: true));
        Assert.Empty(Vocabulary.TokenToPiece(imEnd, renderSpecial: false));
    }

    [Fact]
    public void Tokenize_DestinationTooSmall_ReturnsNegativeCountNeeded()
    {
        var tokens = new int[2];

        var n = Vocabulary.Tokenize("hello"u8, tokens, addSpecial: false, parseSpecial: false);

        Assert.Equal(-5, n);
    }

    [Fact]
    public void Decode_Batch_GivesLogitsAndGreedyPicksTheirMaximum()
    {
        using var context = CreateContext();
        using var batch = new LlamaBatch(32);
        var tokens = Vocabulary.Tokenize("hello world", addSpecial: false, parseSpecial: false);
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, 0, output: i == tokens.Length - 1);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        var logits = context.GetLogits(tokens.Length - 1).ToArray();
        using var greedy = SafeLlamaSamplerHandle.CreateGreedy();

        Assert.Equal(Vocabulary.Count, logits.Length);
        Assert.Equal(Array.IndexOf(logits, logits.Max()), greedy.Sample(context, tokens.Length - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.GetLogits(0));
    }

    [Fact]
    public void Decode_NonConsecutivePositions_ReturnsInvalidBatch()
    {
        using var context = CreateContext();
        using var batch = new LlamaBatch(4);
        batch.Add(300, 0, 0, output: false);
        batch.Add(301, 5, 0, output: true);

        Assert.Equal(DecodeResult.InvalidBatch, context.Decode(batch));
    }

    [Fact]
    public void Decode_CancelledToken_AbortsOrThrows()
    {
        using var context = CreateContext();
        using var batch = new LlamaBatch(8);
        batch.Add(300, 0, 0, output: true);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => context.Decode(batch, cts.Token));
        Assert.Equal(DecodeResult.Ok, context.Decode(batch, CancellationToken.None));
    }

    [Fact]
    public void Memory_CopyKeepRemove_TrackPositionsPerSequence()
    {
        using var context = CreateContext(sequences: 2);
        using var batch = new LlamaBatch(8);
        for (var i = 0; i < 6; i++)
        {
            batch.Add(300 + i, i, 0, output: i == 5);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        context.CopyTokens(0, 1, -1, -1);
        Assert.Equal((0, 5), context.GetPositionRange(1));

        Assert.True(context.RemoveTokens(1, 3, -1));
        Assert.Equal((0, 2), context.GetPositionRange(1));
        context.KeepOnly(1);
        Assert.Equal((-1, -1), context.GetPositionRange(0));
        context.ClearMemory();
        Assert.Equal((-1, -1), context.GetPositionRange(1));
    }

    [Fact]
    public void SequenceState_SaveAndRestore_RoundTrips()
    {
        using var context = CreateContext(sequences: 2);
        using var batch = new LlamaBatch(8);
        for (var i = 0; i < 4; i++)
        {
            batch.Add(310 + i, i, 0, output: false);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        var state = context.GetSequenceState(0);

        Assert.True(context.SetSequenceState(1, state));
        Assert.Equal((0, 3), context.GetPositionRange(1));
        Assert.False(context.SetSequenceState(1, new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Embeddings_MeanPooling_GivesOneVectorPerSequence()
    {
        var parameters = ContextParams();
        parameters.Embeddings = true;
        parameters.PoolingType = LlamaPoolingType.Mean;
        using var context = SafeLlamaContextHandle.Create(Model.Value, parameters);
        using var batch = new LlamaBatch(8);
        for (var i = 0; i < 3; i++)
        {
            batch.Add(320 + i, i, 0, output: true);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        var embedding = context.GetSequenceEmbeddings(0);

        Assert.Equal(64, embedding.Length);
        Assert.Contains(embedding.ToArray(), v => v != 0);
    }

    [Fact]
    public void SamplerChain_OwnsItsSamplersAndIsDeterministicWithASeed()
    {
        using var context = CreateContext();
        using var batch = new LlamaBatch(4);
        batch.Add(300, 0, 0, output: true);
        Assert.Equal(DecodeResult.Ok, context.Decode(batch));

        int SampleWithSeed(uint seed)
        {
            using var chain = SafeLlamaSamplerHandle.CreateChain();
            var topK = SafeLlamaSamplerHandle.CreateTopK(50);
            chain.Add(topK);
            chain.Add(SafeLlamaSamplerHandle.CreateTemperature(1.5f));
            chain.Add(SafeLlamaSamplerHandle.CreateDistribution(seed));
            Assert.True(topK.IsClosed);
            Assert.Equal(["top-k", "temp", "dist"], chain.SamplerNames);
            Assert.Equal(seed, chain.Seed);
            return chain.Sample(context, 0);
        }

        Assert.Equal(SampleWithSeed(5), SampleWithSeed(5));
    }

    [Fact]
    public void Apply_LogitBiasAndTopK_FilterCandidates()
    {
        using var chain = SafeLlamaSamplerHandle.CreateChain();
        chain.Add(SafeLlamaSamplerHandle.CreateLogitBias(Vocabulary.Count, [new LlamaLogitBias(2, 100f)]));
        chain.Add(SafeLlamaSamplerHandle.CreateTopK(2));
        var candidates = Enumerable.Range(0, 5).Select(i => new LlamaTokenData { Id = i, Logit = i }).ToArray();

        var (count, _) = chain.Apply(candidates);

        Assert.Equal(2, count);
        Assert.Equal([2, 4], candidates.Take(2).Select(c => c.Id).Order());
    }

    [Fact]
    public void Performance_WhenMeasured_CountsDecodes()
    {
        var parameters = ContextParams();
        parameters.NoPerformanceTimings = false;
        using var context = SafeLlamaContextHandle.Create(Model.Value, parameters);
        using var batch = new LlamaBatch(8);
        for (var i = 0; i < 5; i++)
        {
            batch.Add(300 + i, i, 0, output: i == 4);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        var performance = context.GetPerformance();

        Assert.Equal(5, performance.PromptTokens);
        Assert.True(performance.PromptEvalTime > TimeSpan.Zero);
        context.ResetPerformance();
        Assert.Equal(1, context.GetPerformance().PromptTokens); // llama.cpp reports at least 1 (it divides by it)
    }

    [Fact]
    public void CreateContext_ImpossibleParameters_ThrowsWithTheReason()
    {
        var parameters = ContextParams();
        parameters.MaxSequences = 100_000;

        var ex = Assert.Throws<LlamaNativeException>(() => SafeLlamaContextHandle.Create(Model.Value, parameters));

        Assert.Contains("n_seq_max", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_WithLoggerFactory_ForwardsNativeLogLines()
    {
        var lines = new List<(LogLevel Level, string Message)>();
        using var factory = new ListLoggerFactory(lines);
        LlamaRuntime.Initialize(new LlamaRuntimeOptions { AllowGpu = false, LoggerFactory = factory });
        try
        {
            var parameters = ContextParams();
            parameters.MaxSequences = 100_000;
            Assert.Throws<LlamaNativeException>(() => SafeLlamaContextHandle.Create(Model.Value, parameters));
        }
        finally
        {
            LlamaRuntime.Initialize(new LlamaRuntimeOptions { AllowGpu = false, LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance });
        }

        lock (lines)
        {
            Assert.Contains(lines, l => l.Level == LogLevel.Error && l.Message.Contains("n_seq_max", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.Message.EndsWith('\n'));
        }
    }

    private static LlamaContextParams ContextParams(int sequences = 1)
    {
        var parameters = LlamaContextParams.CreateDefault();
        parameters.ContextSize = 256;
        parameters.MaxSequences = (uint)sequences;
        parameters.Threads = 1;
        parameters.BatchThreads = 1;
        parameters.UnifiedKvCache = true;
        return parameters;
    }

    private static SafeLlamaContextHandle CreateContext(int sequences = 1) => SafeLlamaContextHandle.Create(Model.Value, ContextParams(sequences));

    private sealed class ListLoggerFactory(List<(LogLevel, string)> lines) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<(LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
