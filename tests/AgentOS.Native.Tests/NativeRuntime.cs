using AgentOS.Native;

namespace AgentOS.Native.Tests;

/// <summary>Initializes the real llama.cpp runtime once for the test process (from native/cpu next to the tests).</summary>
internal static class NativeRuntime
{
    internal static void EnsureInitialized() => LlamaRuntime.Initialize(new LlamaRuntimeOptions { AllowGpu = false });
}
