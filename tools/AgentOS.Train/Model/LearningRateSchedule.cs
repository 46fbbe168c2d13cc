namespace AgentOS.Train.Model;

/// <summary>
/// Linear warm-up from 0 to <see cref="Peak"/> over <see cref="WarmupSteps"/>, then cosine decay to
/// <see cref="Minimum"/> at <see cref="TotalSteps"/>. Warm-up keeps Adam's first, badly estimated
/// updates small; the decay lets the last steps settle.
/// </summary>
/// <param name="Peak">Largest learning rate.</param>
/// <param name="Minimum">Learning rate at the last step.</param>
/// <param name="WarmupSteps">Steps of linear warm-up.</param>
/// <param name="TotalSteps">Steps in the whole run.</param>
internal sealed record LearningRateSchedule(float Peak, float Minimum, int WarmupSteps, int TotalSteps)
{
    /// <summary>Learning rate of step <paramref name="step"/> (0-based).</summary>
    public float At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        int decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return (float)(Minimum + ((Peak - Minimum) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a schedule that cannot run.</summary>
    public void Validate()
    {
        if (!(Peak > 0) || !float.IsFinite(Peak) || !(Minimum >= 0) || Minimum > Peak)
        {
            throw new ArgumentException($"The learning rate must be positive and the minimum between 0 and it; got {Peak} and {Minimum}.");
        }

        if (TotalSteps < 1 || WarmupSteps < 0 || WarmupSteps > TotalSteps)
        {
            throw new ArgumentException($"A run needs at least one step and no more warm-up steps than steps; got {TotalSteps} steps, {WarmupSteps} warm-up.");
        }
    }
}
