using System.Diagnostics;
using AgentOS.Inference;
using AgentOS.Inference.Gguf;

namespace AgentOS.Train.Model;

/// <summary>
/// How fast llama.cpp runs a model of a given shape: writes it (random weights, F32) as the trainer
/// would, prefills a transcript-long prompt, then decodes token by token as generation does.
/// </summary>
internal static class DecodeBenchmark
{
    /// <summary>Prompt tokens per second, generated tokens per second, and the GGUF's size in bytes.</summary>
    public static (double PrefillPerSecond, double DecodePerSecond, long FileBytes) Measure(ModelConfig config, int promptTokens, int generatedTokens, int threads)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.VocabSize < 261)
        {
            throw new ArgumentException("The decode benchmark needs a vocabulary of at least 261 tokens (bytes and ▁ come first).");
        }

        if (promptTokens + generatedTokens > config.ContextLength)
        {
            throw new ArgumentException($"{promptTokens} prompt and {generatedTokens} generated tokens do not fit the context of {config.ContextLength}.");
        }

        string directory = Directory.CreateTempSubdirectory("agentos-decode-bench-").FullName;
        try
        {
            var model = new Transformer(config);
            model.Initialize(1);
            var vocabulary = LlamaGgufVocabulary.CreateByteLevel(Enumerable.Range(0, config.VocabSize - 260).Select(i => $"w{i}"), []);
            string path = Path.Combine(directory, "bench.gguf");
            GgufExport.Write(model, vocabulary, chatTemplate: null, name: "decode-bench", path);

            using var llama = LlamaModel.Load(path);
            using var context = llama.CreateContext(new ContextOptions { ContextSize = config.ContextLength, Threads = threads });
            using var sequence = context.CreateSequence();
            var random = new DeterministicRandom(4);
            var prompt = Enumerable.Range(0, promptTokens).Select(_ => 260 + random.NextInt(config.VocabSize - 260)).ToArray();
            var clock = Stopwatch.StartNew();
            sequence.Append(prompt);
            double prefill = promptTokens / clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (int i = 0; i < generatedTokens; i++)
            {
                var logits = sequence.GetLogits();
                sequence.Append(System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits));
            }

            double decode = generatedTokens / clock.Elapsed.TotalSeconds;
            return (prefill, decode, new FileInfo(path).Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
