using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AgentOS.Train.Model;

/// <summary>
/// GFLOP/s of the two matrix kernels on the shapes one training step of a model multiplies, so the
/// faster form for each product can be chosen on the machine at hand.
/// </summary>
internal static unsafe class KernelBenchmark
{
    /// <summary>One line per product and kernel form.</summary>
    public static string Run(ModelConfig config, int tokens)
    {
        ArgumentNullException.ThrowIfNull(config);
        int d = config.Dim, f = config.FfnDim;
        var text = new StringBuilder();
        foreach (var (name, output, input) in new[] { ("qkv", 3 * d, d), ("attn_output", d, d), ("gate_up", 2 * f, d), ("down", d, f) })
        {
            var x = Random(tokens * input);
            var w = Random(output * input);
            var wt = Random(output * input);
            var y = Random(tokens * output);
            var yt = Random(tokens * output);
            var xt = Random(tokens * input);
            var result = Ops.Pinned(Math.Max((long)tokens * Math.Max(input, output), (long)output * input));
            float* px = Ops.Ptr(x), pw = Ops.Ptr(w), pwt = Ops.Ptr(wt), py = Ops.Ptr(y), pyt = Ops.Ptr(yt), pxt = Ops.Ptr(xt), pr = Ops.Ptr(result);
            double flops = 2.0 * tokens * output * input;
            Line(text, name, "forward  Y=X·Wᵀ   (NT)", flops, () => MatMul.Parallel(px, input, pw, input, pr, output, tokens, output, input, false));
            Line(text, name, "dX=dY·W  via Wᵀ  (NT)", flops, () => MatMul.Parallel(py, output, pwt, output, pr, input, tokens, input, output, false));
            Line(text, name, "dX=dY·W  direct  (NN)", flops, () => MatMul.ParallelNN(py, output, pw, input, pr, input, tokens, input, output, false));
            Line(text, name, "dW=dYᵀ·X both ᵀ  (NT)", flops, () => MatMul.Parallel(pyt, tokens, pxt, tokens, pr, input, output, input, tokens, false));
            Line(text, name, "dW=dYᵀ·X dYᵀ     (NN)", flops, () => MatMul.ParallelNN(pyt, tokens, px, input, pr, input, output, input, tokens, false));
            Line(text, name, "transpose T×out", tokens * (double)output, () => Ops.Transpose(py, output, pyt, tokens, tokens, output));
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, string form, double work, Action action)
    {
        action();
        var clock = Stopwatch.StartNew();
        int repeats = 0;
        while (clock.Elapsed.TotalSeconds < 0.5)
        {
            action();
            repeats++;
        }

        double rate = work * repeats / clock.Elapsed.TotalSeconds / 1e9;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-12} {form,-24} {rate,7:F1} {(form.StartsWith("transpose", StringComparison.Ordinal) ? "G floats/s" : "GFLOP/s")}"));
    }

    private static float[] Random(long length)
    {
        var values = Ops.Pinned(length);
        var random = new DeterministicRandom(5);
        for (long i = 0; i < length; i++)
        {
            values[i] = (float)random.NextGaussian();
        }

        return values;
    }
}
