namespace AgentOS.Native;

/// <summary>A compute device that ggml registered.</summary>
/// <param name="Name">Backend device name, e.g. <c>CPU</c> or <c>CUDA0</c>.</param>
/// <param name="Description">Human-readable description (CPU model, GPU name).</param>
/// <param name="Type">Kind of device.</param>
/// <param name="FreeMemory">Free memory in bytes as reported by the backend.</param>
/// <param name="TotalMemory">Total memory in bytes as reported by the backend.</param>
public sealed record LlamaDevice(string Name, string Description, LlamaDeviceType Type, ulong FreeMemory, ulong TotalMemory);
