using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>How <see cref="LlamaModel.Load"/> loads a model. Null properties take the documented defaults.</summary>
public sealed class ModelOptions
{
    /// <summary>
    /// Layers to offload to the GPU; negative means all. Default: all when the runtime registered a GPU
    /// device (<see cref="LlamaRuntime.HasGpu"/>), else 0.
    /// </summary>
    public int? GpuLayers { get; set; }

    /// <summary>Memory-map the file instead of reading it (default true: fast loads, shared pages).</summary>
    public bool? UseMemoryMap { get; set; }

    /// <summary>Lock the weights in RAM so they are never swapped out (default false).</summary>
    public bool? LockInMemory { get; set; }

    /// <summary>Load only the vocabulary: tokenizer and metadata work, contexts cannot be created (default false).</summary>
    public bool? VocabularyOnly { get; set; }

    /// <summary>Validate tensor data while loading (default false; reads the whole file).</summary>
    public bool? CheckTensors { get; set; }

    /// <summary>The defaults above, applied in this one place.</summary>
    internal LlamaModelParams ToNative()
    {
        var parameters = LlamaModelParams.CreateDefault();
        parameters.GpuLayerCount = GpuLayers ?? (LlamaRuntime.HasGpu ? -1 : 0);
        var mmap = UseMemoryMap ?? true;
        var mlock = LockInMemory ?? false;
        parameters.LoadMode = (mmap, mlock) switch
        {
            (true, true) => LlamaLoadMode.MmapMlock,
            (true, false) => LlamaLoadMode.Mmap,
            (false, true) => LlamaLoadMode.Mlock,
            (false, false) => LlamaLoadMode.None,
        };
        parameters.VocabularyOnly = VocabularyOnly ?? false;
        parameters.CheckTensors = CheckTensors ?? false;
        return parameters;
    }
}
