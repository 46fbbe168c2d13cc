using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

public sealed class KernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 7, 3)]
    [InlineData(13, 11, 17)]
    [InlineData(64, 96, 200)]
    [InlineData(130, 260, 33)]
    public void Multiply_AnyShape_EqualsNaiveProduct(int m, int n, int k)
    {
        var random = new DeterministicRandom((ulong)(m * 1000 + n * 10 + k));
        var a = Enumerable.Range(0, m * (k + 2)).Select(_ => (float)random.NextGaussian()).ToArray();
        var b = Enumerable.Range(0, n * (k + 1)).Select(_ => (float)random.NextGaussian()).ToArray();
        var c = Enumerable.Range(0, m * (n + 3)).Select(_ => 1f).ToArray();
        MatMul.Multiply(a, k + 2, b, k + 1, c, n + 3, m, n, k, accumulate: true);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 1;
                for (int q = 0; q < k; q++)
                {
                    expected += (double)a[(i * (k + 2)) + q] * b[(j * (k + 1)) + q];
                }

                Assert.True(Math.Abs(expected - c[(i * (n + 3)) + j]) < 1e-4 * (1 + Math.Sqrt(k)), $"C[{i},{j}] = {c[(i * (n + 3)) + j]}, expected {expected}");
            }

            // Columns past n are padding: untouched.
            Assert.Equal(1f, c[(i * (n + 3)) + n]);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(37, 70)]
    [InlineData(300, 45)]
    public void Transpose_AnyShape_SwapsRowsAndColumns(int rows, int cols)
    {
        var src = Ops.Pinned(rows * (cols + 1));
        var dst = Ops.Pinned(cols * (rows + 2));
        for (int i = 0; i < src.Length; i++)
        {
            src[i] = i;
        }

        unsafe
        {
            Ops.Transpose(Ops.Ptr(src), cols + 1, Ops.Ptr(dst), rows + 2, rows, cols);
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                Assert.Equal(src[(r * (cols + 1)) + c], dst[(c * (rows + 2)) + r]);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 17, 3)]
    [InlineData(9, 40, 33)]
    public void BlockNN_AnyShape_EqualsNaiveProduct(int m, int n, int k)
    {
        var random = new DeterministicRandom((ulong)(m * 1000 + n * 10 + k));
        var a = Ops.Pinned(m * k);
        var b = Ops.Pinned(k * (n + 5));
        var c = Ops.Pinned(m * n);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextGaussian();
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (float)random.NextGaussian();
        }

        unsafe
        {
            MatMul.ParallelNN(Ops.Ptr(a), k, Ops.Ptr(b), n + 5, Ops.Ptr(c), n, m, n, k, accumulate: false);
        }

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = 0;
                for (int q = 0; q < k; q++)
                {
                    expected += (double)a[(i * k) + q] * b[(q * (n + 5)) + j];
                }

                Assert.True(Math.Abs(expected - c[(i * n) + j]) < 1e-4 * (1 + Math.Sqrt(k)), $"C[{i},{j}] = {c[(i * n) + j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void Multiply_OperandTooSmall_Throws()
    {
        Assert.Throws<ArgumentException>(() => MatMul.Multiply(new float[5], 3, new float[6], 3, new float[4], 2, 2, 2, 3, accumulate: false));
    }

    [Fact]
    public void Schedule_WarmupThenCosine_HitsPeakAndMinimum()
    {
        var schedule = new LearningRateSchedule(Peak: 1f, Minimum: 0.1f, WarmupSteps: 10, TotalSteps: 110);
        Assert.Equal(0.1f, schedule.At(0), 5);
        Assert.Equal(1f, schedule.At(9), 5);
        Assert.Equal(1f, schedule.At(10), 5);
        Assert.Equal(0.55f, schedule.At(60), 5);
        Assert.Equal(0.1f, schedule.At(110), 5);
        Assert.True(schedule.At(30) > schedule.At(31));
    }

    [Fact]
    public void BatchPlan_EveryEpochVisitsEverySequenceOnceWithinBudget()
    {
        var config = new ModelConfig(10, 8, 1, 2, 8, 64);
        var data = TinyModels.Sequences(config, 1, [.. Enumerable.Range(0, 50).Select(i => 2 + (i * 7 % 40))]);
        var plan = new BatchPlan(data, seed: 4, batchTokens: 100);
        var seen = new List<int>();
        int step = 0;
        while (seen.Count < data.Count)
        {
            var batch = plan.SequencesOf(step++);
            Assert.True(batch.Length == 1 || batch.Sum(i => data[i].Length) <= 100);
            seen.AddRange(batch);
        }

        Assert.Equal(Enumerable.Range(0, data.Count), seen.Order());
        Assert.NotEqual(plan.SequencesOf(0), plan.SequencesOf(step));
        Assert.Equal(plan.SequencesOf(3), new BatchPlan(data, seed: 4, batchTokens: 100).SequencesOf(3));
    }

    [Fact]
    public void TrainingSequence_BadShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() => new TrainingSequence([1, 2], [false]));
        Assert.Throws<ArgumentException>(() => new TrainingSequence([1], [false]));
        Assert.Throws<ArgumentException>(() => new TrainingSequence([1, 2], [true, true]));
    }

    [Fact]
    public void ModelConfig_HeadsNotDividingDimension_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelConfig(10, 30, 1, 4, 8, 16).Validate());
        Assert.Contains("multiple of the head count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterLayout_CountMatchesTensorsAndNamesAreGguf()
    {
        var config = new ModelConfig(50, 16, 3, 2, 40, 32);
        var layout = new ParameterLayout(config);
        Assert.Equal(config.ParameterCount, layout.Count);
        Assert.Equal(layout.Count, layout.Tensors.Sum(t => t.Length));
        Assert.Equal(2 + (9 * 3) + 1, layout.Tensors.Count);
        Assert.Equal((16, 40), (layout["blk.2.ffn_down.weight"].Rows, layout["blk.2.ffn_down.weight"].Columns));
        Assert.False(layout["token_embd.weight"].Decays);
        Assert.True(layout["output.weight"].Decays);
    }

    [Fact]
    public void ParameterLayout_Tied_OutputIsTheEmbeddingAndCountsOnce()
    {
        var config = new ModelConfig(50, 16, 3, 2, 40, 32, TiedEmbeddings: true);
        var layout = new ParameterLayout(config);
        Assert.Equal(config.ParameterCount, layout.Count);
        Assert.Equal(new ModelConfig(50, 16, 3, 2, 40, 32).ParameterCount - (50 * 16), layout.Count);
        Assert.Equal(layout.TokenEmbedding, layout.Output);
        Assert.DoesNotContain(layout.Tensors, t => t.Name == "output.weight");
    }
}
