namespace AgentOS.Native;

/// <summary><c>enum llama_load_mode</c> (this release replaced <c>use_mmap</c>/<c>use_mlock</c> with it).</summary>
public enum LlamaLoadMode
{
    /// <summary>The library chooses (memory-maps where it can).</summary>
    Auto = -1,

    /// <summary>Read the weights into memory, no mmap, no mlock.</summary>
    None = 0,

    /// <summary>Memory-map the file.</summary>
    Mmap = 1,

    /// <summary>Read and lock the weights in RAM.</summary>
    Mlock = 2,

    /// <summary>Memory-map and lock.</summary>
    MmapMlock = 3,

    /// <summary>Direct I/O (Linux only).</summary>
    DirectIo = 4,
}
