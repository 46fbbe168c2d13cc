namespace AgentOS.Native;

/// <summary><c>enum ggml_backend_dev_type</c>.</summary>
public enum LlamaDeviceType
{
    /// <summary>The CPU.</summary>
    Cpu = 0,

    /// <summary>A discrete GPU.</summary>
    Gpu = 1,

    /// <summary>An integrated GPU using host memory.</summary>
    IntegratedGpu = 2,

    /// <summary>An accelerator used together with the CPU (BLAS, AMX).</summary>
    Accelerator = 3,
}
