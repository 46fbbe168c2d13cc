namespace AgentOS.Kernel.Runs;

/// <summary>
/// Sampling state for one assistant turn (its grammar position, random generator, penalty window), created by
/// <see cref="IAgentModel.CreateSampler"/> and used with <see cref="IAgentSequence.SampleAsync"/>.
/// </summary>
public interface IAgentSampler : IDisposable;
