using AgentOS.Kernel.Formats;
using AgentOS.Kernel.ToolHosting;

namespace AgentOS.Kernel.Runs;

/// <summary>Options of one run. Every default is written on its property and enforced by <see cref="Validate"/>.</summary>
public sealed record AgentRunOptions
{
    /// <summary>
    /// The system prompt of the project's own models. The corpus generator renders training transcripts with this same
    /// text, so change it only together with a retrained model.
    /// </summary>
    public const string DefaultSystemPrompt = "You are AgentOS, a helpful assistant. Use a tool when it helps, then answer briefly.";

    /// <summary>The system prompt (default <see cref="DefaultSystemPrompt"/>; null or empty for none).</summary>
    public string? SystemPrompt { get; init; } = DefaultSystemPrompt;

    /// <summary>The tool-call format; null (the default) chooses it from the model's chat template.</summary>
    public IToolCallFormat? Format { get; init; }

    /// <summary>Which tools the task may use, capabilities, per-tool timeout, parallelism, result size (default <see cref="ToolPolicy.Default"/>).</summary>
    public ToolPolicy Policy { get; init; } = ToolPolicy.Default;

    /// <summary>Most assistant turns (default 8).</summary>
    public int MaxSteps { get; init; } = 8;

    /// <summary>Most tokens generated in one turn (default 512).</summary>
    public int MaxTokensPerStep { get; init; } = 512;

    /// <summary>Most tokens generated over the run (default 2048).</summary>
    public int MaxTotalTokens { get; init; } = 2048;

    /// <summary>Wall-clock budget of the whole run, tools included (default 5 minutes).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Temperature (default 0: greedy, reproducible).</summary>
    public float Temperature { get; init; }

    /// <summary>Seed of the random draw when <see cref="Temperature"/> is above 0 (default 42); turn N uses seed + N - 1.</summary>
    public uint Seed { get; init; } = 42;

    /// <summary>Top-k filter (default null: the engine's default).</summary>
    public int? TopK { get; init; }

    /// <summary>Top-p filter (default null: the engine's default).</summary>
    public float? TopP { get; init; }

    /// <summary>Min-p filter (default null: the engine's default).</summary>
    public float? MinP { get; init; }

    /// <summary>Constrain calls with the lazy grammar built from the tool schemas (default true).</summary>
    public bool ConstrainToolCalls { get; init; } = true;

    /// <summary>Added to the logits of the given tokens in every turn (default none); tests use it to force a call.</summary>
    public IReadOnlyDictionary<int, float>? LogitBias { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A budget is zero or negative, or the temperature is not finite.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSteps, 1, nameof(MaxSteps));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokensPerStep, 1, nameof(MaxTokensPerStep));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTotalTokens, 1, nameof(MaxTotalTokens));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxDuration, TimeSpan.Zero, nameof(MaxDuration));
        if (!float.IsFinite(Temperature) || Temperature < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The temperature must be 0 or more.");
        }

        ArgumentNullException.ThrowIfNull(Policy);
        Policy.Validate();
    }
}
