using AgentOS.Train.Model;
using Xunit.Abstractions;

namespace AgentOS.Train.Tests.Model;

/// <summary>The hand-written backward pass against central finite differences of the forward pass, tensor by tensor.</summary>
public sealed class TransformerGradientTests(ITestOutputHelper output)
{
    /// <summary>Entries checked per tensor: all of a small tensor, an even spread of a large one.</summary>
    private const int EntriesPerTensor = 24;

    public static TheoryData<string> Configs => ["odd", "even", "shared-prefix", "tied"];

    [Theory]
    [MemberData(nameof(Configs))]
    public void ForwardBackward_EveryTensor_MatchesFiniteDifferences(string name)
    {
        // "tied": the embedding is also the output head, so its gradient sums the head's and the lookup's.
        var config = name switch
        {
            "odd" => TinyModels.Odd,
            "tied" => TinyModels.Even with { TiedEmbeddings = true },
            _ => TinyModels.Even,
        };

        // 21 and 35 tokens cross the 16-row causal tiles of the attention kernels; 3 is a short sequence. The
        // shared-prefix batch lays 19 common tokens down once and scores some of those rows twice.
        var sequences = name == "shared-prefix"
            ? TinyModels.WithSharedPrefix(config, 5, 19, 22, 37, 20)
            : TinyModels.Sequences(config, 5, 21, 3, 35);
        var batch = TrainingBatch.FromSequences(sequences, config);
        Assert.Equal(name == "shared-prefix" ? 19 : 0, batch.PrefixLength);
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

    [Fact]
    public void ForwardBackward_SharedPrefix_SameLossAndGradientsAsSequencesLaidOutWhole()
    {
        var config = TinyModels.Even;
        var sequences = TinyModels.WithSharedPrefix(config, 8, 24, 30, 26, 39, 25);
        var model = TinyModels.Random(config, 12);
        var shared = TrainingBatch.FromSequences(sequences, config);
        var whole = TrainingBatch.FromSequences(sequences, config, sharePrefix: false);
        Assert.Equal(24, shared.PrefixLength);
        Assert.Equal(whole.TokenCount - (3 * 24), shared.TokenCount);

        var sharedGradients = model.CreateParameterBuffer();
        var wholeGradients = model.CreateParameterBuffer();
        var (sharedLoss, sharedTargets) = model.ForwardBackward(shared, sharedGradients, 0.01f);
        var (wholeLoss, wholeTargets) = model.ForwardBackward(whole, wholeGradients, 0.01f);

        Assert.Equal(wholeTargets, sharedTargets);
        Assert.Equal(wholeLoss, sharedLoss, 1e-4);
        foreach (var tensor in model.Layout.Tensors)
        {
            var a = tensor.Of(sharedGradients).ToArray();
            var b = tensor.Of(wholeGradients).ToArray();
            double diff = Math.Sqrt(a.Zip(b, (x, y) => (double)(x - y) * (x - y)).Sum());
            double norm = Math.Sqrt(b.Sum(y => (double)y * y));
            Assert.True(diff <= 1e-5 * norm + 1e-9, $"{tensor.Name}: gradients differ by {diff} (norm {norm})");
        }
    }
}
