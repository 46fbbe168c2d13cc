namespace AgentOS.Train.Model;

/// <summary>Constants of <see cref="AdamW"/>.</summary>
/// <param name="Beta1">Decay of the first moment (default 0.9).</param>
/// <param name="Beta2">Decay of the second moment (default 0.95: TRAINING.md measured 0.95 far steadier than 0.999 on this kind of data).</param>
/// <param name="Epsilon">Added to the denominator (default 1e-8).</param>
/// <param name="WeightDecay">Decoupled decay per unit of learning rate on matrices (default 0.1).</param>
/// <param name="ClipNorm">Global gradient norm above which gradients are scaled down; 0 turns clipping off (default 1).</param>
internal sealed record AdamWSettings(
    float Beta1 = 0.9f,
    float Beta2 = 0.95f,
    float Epsilon = 1e-8f,
    float WeightDecay = 0.1f,
    float ClipNorm = 1f)
{
    /// <summary>Throws <see cref="ArgumentException"/> for constants AdamW cannot use.</summary>
    public void Validate()
    {
        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1))
        {
            throw new ArgumentException($"AdamW betas must lie in [0, 1); got {Beta1} and {Beta2}.");
        }

        if (!(Epsilon > 0) || !(WeightDecay >= 0) || !(ClipNorm >= 0) || !float.IsFinite(WeightDecay) || !float.IsFinite(ClipNorm))
        {
            throw new ArgumentException($"AdamW needs ε > 0, weight decay ≥ 0 and clip norm ≥ 0; got {Epsilon}, {WeightDecay}, {ClipNorm}.");
        }
    }
}
