namespace AgentOS.Train.Model;

/// <summary>
/// A llama-architecture decoder with its forward and backward passes written out by hand: token
/// embedding; per block RMSNorm → rotary causal self-attention → residual, RMSNorm → SwiGLU →
/// residual; final RMSNorm and a separate output head. It computes exactly what llama.cpp computes
/// for the GGUF written from its weights.
/// </summary>
/// <remarks>
/// Activations of the last forward pass are kept in reusable pinned buffers for the backward pass,
/// except the RMSNorm outputs and the SwiGLU product, which are cheap to recompute. Attention
/// probabilities are never stored: the backward pass recomputes them from the saved log-sum-exp of
/// each row, so memory grows with tokens, not with tokens².
/// </remarks>
internal sealed unsafe partial class Transformer
{
    private readonly RotaryTable rope;
    private readonly ActivationBuffers buffers;

    /// <summary>A model of shape <paramref name="config"/> with all weights zero; call <see cref="Initialize"/> or load weights.</summary>
    public Transformer(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Layout = new ParameterLayout(config);
        Config = config;
        Weights = Ops.Pinned(Layout.Count);
        rope = new RotaryTable(config);
        buffers = new ActivationBuffers(config);
    }

    /// <summary>The hyperparameters.</summary>
    public ModelConfig Config { get; }

    /// <summary>Where each tensor lies in <see cref="Weights"/>.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>When set, the passes charge their time to named phases (for the bench command); null costs nothing.</summary>
    public PhaseTimes? Timing { get; set; }

    /// <summary>All parameters, flat (see <see cref="Layout"/>); pinned, so kernels use raw pointers.</summary>
    public float[] Weights { get; }

    /// <summary>A zeroed, pinned array shaped like <see cref="Weights"/>, for gradients.</summary>
    public float[] CreateParameterBuffer() => Ops.Pinned(Layout.Count);

    /// <summary>
    /// Fresh weights from <paramref name="seed"/>: norm gains 1; every matrix normal with standard
    /// deviation 0.02, the two projections back into the residual stream (attn_output, ffn_down)
    /// scaled by 1/√(2·layers) so the stream's variance does not grow with depth.
    /// </summary>
    public void Initialize(ulong seed)
    {
        var random = new DeterministicRandom(seed, stream: 1);
        float residualScale = 1f / MathF.Sqrt(2f * Config.Layers);
        foreach (var tensor in Layout.Tensors)
        {
            var values = tensor.Of(Weights);
            if (tensor.Rows == 1)
            {
                values.Fill(1f);
                continue;
            }

            bool intoResidual = tensor.Name.EndsWith("attn_output.weight", StringComparison.Ordinal)
                || tensor.Name.EndsWith("ffn_down.weight", StringComparison.Ordinal);
            float std = 0.02f * (intoResidual ? residualScale : 1f);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.NextGaussian() * std);
            }
        }
    }

    /// <summary>Logits of every scored row of <paramref name="batch"/>: [batch.LogitRows.Length × vocab], row-major.</summary>
    public float[] Logits(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Forward(batch);
        int count = batch.LogitRows.Length * Config.VocabSize;
        return new ReadOnlySpan<float>(Ops.Ptr(buffers.Logits), count).ToArray();
    }

    /// <summary>Summed cross-entropy (nats) over the target tokens of <paramref name="batch"/>, and their number.</summary>
    public (double LossSum, int Targets) Evaluate(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Forward(batch);
        double loss = Ops.CrossEntropy(Ops.Ptr(buffers.Logits), batch.Labels, batch.LogitRows.Length, Config.VocabSize, 0f, writeGradient: false);
        return (loss, batch.LogitRows.Length);
    }

    /// <summary>
    /// Forward and backward over <paramref name="batch"/>: adds ∂(scale · summed loss)/∂weights to
    /// <paramref name="gradients"/> and returns the summed loss (nats) and the number of targets.
    /// Pass scale = 1 / (targets of the whole optimizer step) to get the gradient of the mean loss.
    /// </summary>
    public (double LossSum, int Targets) ForwardBackward(TrainingBatch batch, float[] gradients, float scale)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(gradients);
        if (gradients.Length != Layout.Count)
        {
            throw new ArgumentException($"The gradient buffer holds {gradients.Length} floats; the model has {Layout.Count}.", nameof(gradients));
        }

        Forward(batch);
        int rows = batch.LogitRows.Length;
        double loss = Ops.CrossEntropy(Ops.Ptr(buffers.Logits), batch.Labels, rows, Config.VocabSize, scale, writeGradient: true);
        fixed (float* grads = gradients)
        {
            Backward(batch, grads);
        }

        return (loss, rows);
    }
}
