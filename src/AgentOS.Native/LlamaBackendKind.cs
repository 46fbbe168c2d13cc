namespace AgentOS.Native;

/// <summary>Which build of the pinned llama.cpp the runtime loaded.</summary>
public enum LlamaBackendKind
{
    /// <summary>The CPU build (<c>native/cpu</c>).</summary>
    Cpu,

    /// <summary>The CUDA build (<c>native/cuda</c>), chosen when it is installed and a CUDA device answers.</summary>
    Cuda,
}
