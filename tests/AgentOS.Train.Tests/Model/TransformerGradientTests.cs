using AgentOS.Train.Model;
using Xunit.Abstractions;

namespace AgentOS.Train.Tests.Model;

/// <summary>The hand-written backward pass against central finite differences of the forward pass, tensor by tensor.</summary>
public sealed class TransformerGradientTests(ITestOutputHelper output)
{
    /// <summary>Entries checked per tensor: all of a small tensor, an even spread of a large one.</summary>
    private const int EntriesPerTensor = 24;

    public static TheoryData<string> Configs => ["odd", "even"];

    [Theory]
    [MemberData(nameof(Configs))]
    public void ForwardBackward_EveryTensor_MatchesFiniteDifferences(string name)
    {
        var config = name == "odd" ? TinyModels.Odd : TinyModels.Even;

        // 21 and 35 tokens cross the 16-row causal tiles of the attention kernels; 3 is a short sequence.
        var batch = TrainingBatch.FromSequences(TinyModels.Sequences(config, 5, 21, 3, 35), config);
        var model = TinyModels.Random(config, 11);
        var gradients = model.CreateParameterBuffer();
        var (_, targets) = model.ForwardBackward(batch, gradients, 1f / batch.LogitRows.Length);
        Assert.Equal(batch.LogitRows.Length, targets);

        double MeanLoss()
        {
            var (sum, count) = model.Evaluate(batch);
            return sum / count;
        }

        const float Step = 2e-3f;
        var failures = new List<string>();
        foreach (var tensor in model.Layout.Tensors)
        {
            double diff2 = 0, norm2 = 0;
            int stride = Math.Max(1, tensor.Length / EntriesPerTensor);
            for (int i = tensor.Offset + (stride / 2); i < tensor.Offset + tensor.Length; i += stride)
            {
                float saved = model.Weights[i];
                model.Weights[i] = saved + Step;
                double plus = MeanLoss();
                model.Weights[i] = saved - Step;
                double minus = MeanLoss();
                model.Weights[i] = saved;
                double numeric = (plus - minus) / (2 * Step);
                diff2 += (numeric - gradients[i]) * (numeric - gradients[i]);
                norm2 += numeric * numeric;
            }

            double relative = Math.Sqrt(diff2) / Math.Max(Math.Sqrt(norm2), 1e-12);
            output.WriteLine($"{tensor.Name}: |numeric| = {Math.Sqrt(norm2):E3}, relative error {relative:E3}");
            if (norm2 < 1e-12 || relative > 1e-2)
            {
                failures.Add($"{tensor.Name}: |numeric| = {Math.Sqrt(norm2):E3}, relative error {relative:E3}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
