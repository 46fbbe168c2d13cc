using AgentOS.Inference;
using AgentOS.Testing;

namespace AgentOS.Kernel.Tests.Engine;

/// <summary>The generated tiny GGUF (random weights, the protocol's special tokens), loaded once for the engine tests.</summary>
public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture()
    {
        Model = LlamaModel.Load(TestModels.TinyLlamaPath);
    }

    public LlamaModel Model { get; }

    public void Dispose() => Model.Dispose();
}
