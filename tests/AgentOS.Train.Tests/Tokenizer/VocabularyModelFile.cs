using AgentOS.Inference.Gguf;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Tokenizer;

/// <summary>
/// Writes a vocabulary into a tiny llama GGUF with random weights, so llama.cpp itself can tokenize with it (and
/// generate, meaninglessly) in tests.
/// </summary>
internal static class VocabularyModelFile
{
    public static string Write(Vocabulary vocabulary, string directory)
    {
        var hyperparameters = new LlamaHyperparameters
        {
            EmbeddingLength = 16,
            BlockCount = 1,
            HeadCount = 2,
            HeadCountKv = 2,
            FeedForwardLength = 32,
            ContextLength = 2048,
        };
        var builder = new LlamaGgufBuilder(hyperparameters, vocabulary.ToGguf()) { Name = "agentos-vocabulary-test", ChatTemplate = ChatTemplate.Hermes };
        var random = new Random(7);
        foreach (var tensor in Enum.GetValues<LlamaTensor>())
        {
            var (rows, columns) = builder.GetShape(tensor);
            var isNorm = tensor is LlamaTensor.AttentionNorm or LlamaTensor.FeedForwardNorm or LlamaTensor.OutputNorm;
            var blocks = LlamaTensorNames.IsPerBlock(tensor) ? hyperparameters.BlockCount : 1;
            for (var block = 0; block < blocks; block++)
            {
                var values = new float[rows * columns];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = isNorm ? 1f : (float)(random.NextDouble() - 0.5) * 0.2f;
                }

                if (LlamaTensorNames.IsPerBlock(tensor))
                {
                    builder.SetTensor(block, tensor, values);
                }
                else
                {
                    builder.SetTensor(tensor, values);
                }
            }
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"vocabulary-{Guid.NewGuid():N}.gguf");
        builder.WriteTo(path);
        return path;
    }
}
