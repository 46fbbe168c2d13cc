using AgentOS.Testing;

namespace AgentOS.Inference.Tests;

/// <summary>The generated tiny llama (real llama.cpp, random weights, byte-level vocabulary), loaded once per test process.</summary>
internal static class TinyModel
{
    private static readonly Lazy<LlamaModel> Model = new(() => LlamaModel.Load(TestModels.TinyLlamaPath));

    internal static LlamaModel Instance => Model.Value;

    internal static LlamaTokenizer Tokenizer => Instance.Tokenizer;

    internal static int Token(string specialToken) =>
        Tokenizer.FindSpecialToken(specialToken) ?? throw new InvalidOperationException($"No special token {specialToken}.");

    /// <summary>A small context; one thread because test classes run in parallel on few cores.</summary>
    internal static LlamaContext CreateContext(int maxSequences = 1, int contextSize = 512, bool measurePerformance = false) =>
        Instance.CreateContext(new ContextOptions
        {
            ContextSize = contextSize,
            MaxSequences = maxSequences,
            Threads = 1,
            MeasurePerformance = measurePerformance,
        });

    internal static int[] Prompt(string text) => Tokenizer.Tokenize(text, parseSpecial: true);
}
