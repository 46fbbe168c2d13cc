using System.Numerics.Tensors;

namespace AgentOS.Train.Model;

/// <summary>
/// AdamW (decoupled weight decay) over the flat parameter array, with global gradient-norm clipping.
/// Decay applies only to tensors marked <see cref="ParameterTensor.Decays"/>: the matrices. Norm gains
/// are scales around 1 that decay would pull towards 0, and decaying embeddings shrinks rare tokens
/// that are seldom seen, so neither decays (the common choice for small llama-style models).
/// </summary>
internal sealed class AdamW
{
    /// <summary>Elements per piece of parallel work; fixed so sums never depend on the thread count.</summary>
    private const int Grain = 1 << 14;

    private readonly ParameterLayout layout;
    private readonly bool[] decays;

    /// <summary>Optimizer state for <paramref name="layout"/>, all moments zero.</summary>
    public AdamW(ParameterLayout layout, AdamWSettings settings)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        this.layout = layout;
        Settings = settings;
        FirstMoment = new float[layout.Count];
        SecondMoment = new float[layout.Count];
        decays = new bool[layout.Tensors.Count];
        for (int i = 0; i < decays.Length; i++)
        {
            decays[i] = layout.Tensors[i].Decays;
        }
    }

    /// <summary>β₁, β₂, ε, decay and clipping.</summary>
    public AdamWSettings Settings { get; }

    /// <summary>Running mean of gradients (m).</summary>
    public float[] FirstMoment { get; }

    /// <summary>Running mean of squared gradients (v).</summary>
    public float[] SecondMoment { get; }

    /// <summary>Updates taken so far (drives the bias correction).</summary>
    public long Steps { get; set; }

    /// <summary>
    /// Global L2 norm of <paramref name="gradients"/>, summed in double over fixed pieces in a fixed
    /// order, so it is the same number for any thread count.
    /// </summary>
    public static double GradientNorm(float[] gradients)
    {
        ArgumentNullException.ThrowIfNull(gradients);
        int pieces = (gradients.Length + Grain - 1) / Grain;
        var partial = new double[pieces];
        Workers.ForRanges(gradients.Length, Grain, (start, end) =>
            partial[start / Grain] = TensorPrimitives.SumOfSquares(gradients.AsSpan(start, end - start)));
        double sum = 0;
        foreach (double p in partial)
        {
            sum += p;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// One update at <paramref name="learningRate"/>: clips the gradient to the configured global norm,
    /// then applies AdamW. Returns the gradient norm before clipping.
    /// </summary>
    public double Step(float[] weights, float[] gradients, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(gradients);
        if (weights.Length != layout.Count || gradients.Length != layout.Count)
        {
            throw new ArgumentException($"The optimizer holds {layout.Count} parameters; got {weights.Length} weights and {gradients.Length} gradients.");
        }

        double norm = GradientNorm(gradients);
        if (!double.IsFinite(norm))
        {
            throw new TrainingDivergedException($"The gradient norm is {norm} at update {Steps + 1}: training diverged. Lower the learning rate or resume from an earlier checkpoint.");
        }

        float clip = Settings.ClipNorm > 0 && norm > Settings.ClipNorm ? (float)(Settings.ClipNorm / norm) : 1f;
        Steps++;
        float beta1 = Settings.Beta1, beta2 = Settings.Beta2, eps = Settings.Epsilon;
        float correction1 = 1f - MathF.Pow(beta1, Steps);
        float correction2 = 1f - MathF.Pow(beta2, Steps);
        float stepSize = learningRate / correction1;
        float invSqrtCorrection2 = 1f / MathF.Sqrt(correction2);

        for (int index = 0; index < layout.Tensors.Count; index++)
        {
            var tensor = layout.Tensors[index];
            float decayFactor = decays[index] ? 1f - (learningRate * Settings.WeightDecay) : 1f;
            int offset = tensor.Offset;
            Workers.ForRanges(tensor.Length, Grain, (start, end) =>
            {
                var w = weights.AsSpan(offset + start, end - start);
                var g = gradients.AsSpan(offset + start, end - start);
                var m = FirstMoment.AsSpan(offset + start, end - start);
                var v = SecondMoment.AsSpan(offset + start, end - start);
                for (int i = 0; i < w.Length; i++)
                {
                    float gi = g[i] * clip;
                    m[i] = (beta1 * m[i]) + ((1f - beta1) * gi);
                    v[i] = (beta2 * v[i]) + ((1f - beta2) * gi * gi);
                    float denominator = (MathF.Sqrt(v[i]) * invSqrtCorrection2) + eps;
                    w[i] = (w[i] * decayFactor) - (stepSize * m[i] / denominator);
                }
            });
        }

        return norm;
    }
}
