using AgentOS.Inference;
using AgentOS.Testing;

namespace AgentOS.Daemon.Tests.Scheduling;

/// <summary>The generated tiny test model (real llama.cpp, seeded random weights), loaded once for the scheduler tests.</summary>
public sealed class SchedulerModelFixture : IDisposable
{
    public SchedulerModelFixture()
    {
        Model = LlamaModel.Load(TestModels.TinyLlamaPath);
    }

    public LlamaModel Model { get; }

    public void Dispose() => Model.Dispose();
}
