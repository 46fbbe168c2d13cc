using AgentOS.Inference;
using AgentOS.Inference.Gguf;
using AgentOS.Native;
using AgentOS.Train.Model;
using Xunit.Abstractions;

namespace AgentOS.Train.Tests.Model;

/// <summary>
/// The trainer's forward pass against real llama.cpp on the GGUF the trainer writes: same weights, same
/// tokens, every logit compared. This proves the tensor layout, the rotary convention (interleaved
/// pairs, no q/k permutation), the norms and the attention scale all agree with llama.cpp's llama graph.
/// </summary>
public sealed class LlamaLogitsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("agentos-trainer-logits-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Logits_GgufWrittenByTrainer_EqualLlamaCppLogitsAtEveryPosition(bool tied)
    {
        var vocabulary = Vocabulary();
        var config = new ModelConfig(vocabulary.Count, Dim: 64, Layers: 2, Heads: 4, FfnDim: 96, ContextLength: 64, RopeFreqBase: 10000f, NormEps: 1e-5f, TiedEmbeddings: tied);
        var model = TinyModels.Random(config, seed: 21, std: 0.15f);
        var tokens = RandomTokens(config, 40, seed: 3);
        var expected = model.Logits(TrainingBatch.ForInference(tokens, config));

        var (perToken, whole) = LlamaCppLogits(model, vocabulary, tokens);

        double worst = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - perToken[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }

        var last = expected.AsSpan(expected.Length - config.VocabSize);
        double worstWhole = 0;
        for (int v = 0; v < config.VocabSize; v++)
        {
            worstWhole = Math.Max(worstWhole, Math.Abs(last[v] - whole[v]));
        }

        output.WriteLine($"largest |logit| {scale:F3}; largest difference token by token {worst:E2}, whole prompt at once {worstWhole:E2}");
        Assert.True(scale > 1, "logits this small would hide disagreements");
        Assert.True(worst < 2e-3 * scale, $"llama.cpp and the trainer disagree by {worst} (largest logit {scale})");
        Assert.True(worstWhole < 2e-3 * scale, $"llama.cpp (one batch) and the trainer disagree by {worstWhole} (largest logit {scale})");
    }

    [Fact]
    public void Logits_F32KvCacheAllPositionsInOneBatch_EqualLlamaCppWithinFloatRounding()
    {
        // The engine's contexts keep keys and values in F16 (llama.cpp's default), which alone moves logits by
        // ~1e-3. With an F32 cache the two implementations differ only by float summation order.
        var vocabulary = Vocabulary();
        var config = new ModelConfig(vocabulary.Count, Dim: 64, Layers: 3, Heads: 2, FfnDim: 80, ContextLength: 64, RopeFreqBase: 500f, NormEps: 1e-6f);
        var model = TinyModels.Random(config, seed: 23, std: 0.15f);
        var tokens = RandomTokens(config, 50, seed: 5);
        var expected = model.Logits(TrainingBatch.ForInference(tokens, config));

        string path = Path.Combine(directory, "f32.gguf");
        GgufExport.Write(model, vocabulary, chatTemplate: null, name: null, path);
        LlamaRuntime.Initialize();

        var modelParams = LlamaModelParams.CreateDefault();
        modelParams.GpuLayerCount = 0;
        using var handle = SafeLlamaModelHandle.LoadFromFile(path, modelParams);
        var contextParams = LlamaContextParams.CreateDefault();
        contextParams.ContextSize = (uint)config.ContextLength;
        contextParams.BatchSize = (uint)config.ContextLength;
        contextParams.MicroBatchSize = (uint)config.ContextLength;
        contextParams.Threads = Environment.ProcessorCount;
        contextParams.BatchThreads = Environment.ProcessorCount;
        contextParams.FlashAttention = LlamaFlashAttention.Disabled;
        contextParams.KeyCacheType = GgmlType.F32;
        contextParams.ValueCacheType = GgmlType.F32;
        using var context = SafeLlamaContextHandle.Create(handle, contextParams);
        using var batch = new LlamaBatch(tokens.Length);
        for (int i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, 0, output: true);
        }

        Assert.Equal(DecodeResult.Ok, context.Decode(batch));
        double worst = 0, scale = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            var actual = context.GetLogits(i);
            for (int v = 0; v < config.VocabSize; v++)
            {
                float e = expected[(i * config.VocabSize) + v];
                worst = Math.Max(worst, Math.Abs(e - actual[v]));
                scale = Math.Max(scale, Math.Abs(e));
            }
        }

        output.WriteLine($"largest |logit| {scale:F3}; largest difference {worst:E2}");
        Assert.True(scale > 1, "logits this small would hide disagreements");
        Assert.True(worst < 2e-5 * scale, $"llama.cpp and the trainer disagree by {worst} (largest logit {scale})");
    }

    [Fact]
    public void Logits_PermutedQueryRows_DisagreeWithLlamaCpp()
    {
        // The same comparison must fail for a model whose q/k rows are in the other rotary layout: the test
        // above can tell the two conventions apart.
        var vocabulary = Vocabulary();
        var config = new ModelConfig(vocabulary.Count, Dim: 64, Layers: 1, Heads: 4, FfnDim: 96, ContextLength: 64);
        var model = TinyModels.Random(config, seed: 22, std: 0.15f);
        var tokens = RandomTokens(config, 24, seed: 4);
        var expected = model.Logits(TrainingBatch.ForInference(tokens, config));

        foreach (string name in new[] { "blk.0.attn_q.weight", "blk.0.attn_k.weight" })
        {
            var tensor = model.Layout[name];
            var permuted = LlamaRopeLayout.HalvesToInterleaved(tensor.Of(model.Weights), config.Heads, config.Dim);
            permuted.CopyTo(tensor.Of(model.Weights));
        }

        var (perToken, _) = LlamaCppLogits(model, vocabulary, tokens);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - perToken[i]));
        }

        output.WriteLine($"largest difference with permuted q/k rows: {worst:E2}");
        Assert.True(worst > 0.1, $"a permuted model should give other logits, yet the largest difference is {worst}");
    }

    private (float[] PerToken, float[] Whole) LlamaCppLogits(Transformer model, LlamaGgufVocabulary vocabulary, int[] tokens)
    {
        string path = Path.Combine(directory, $"model-{Guid.NewGuid():N}.gguf");
        GgufExport.Write(model, vocabulary, GgufChatTemplates.ChatML, "logits-test", path);
        using var llama = LlamaModel.Load(path);
        using var context = llama.CreateContext(new ContextOptions
        {
            ContextSize = model.Config.ContextLength,
            FlashAttention = LlamaFlashAttention.Disabled,
            MaxSequences = 2,
        });

        int vocab = model.Config.VocabSize;
        var perToken = new float[tokens.Length * vocab];
        using (var sequence = context.CreateSequence())
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                sequence.Append(tokens[i]);
                sequence.GetLogits().CopyTo(perToken, i * vocab);
            }
        }

        using var batch = context.CreateSequence();
        batch.Append(tokens);
        return (perToken, batch.GetLogits());
    }

    private static LlamaGgufVocabulary Vocabulary() =>
        LlamaGgufVocabulary.CreateByteLevel(Enumerable.Range('a', 26).Select(c => ((char)c).ToString()), ["<|im_start|>", "<|im_end|>"]);

    private static int[] RandomTokens(ModelConfig config, int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.NextInt(config.VocabSize))];
    }
}
