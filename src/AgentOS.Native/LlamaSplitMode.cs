namespace AgentOS.Native;

/// <summary><c>enum llama_split_mode</c>: how a model is spread over several GPUs.</summary>
public enum LlamaSplitMode
{
    /// <summary>One GPU holds the whole model.</summary>
    None = 0,

    /// <summary>Layers and KV are split across GPUs.</summary>
    Layer = 1,

    /// <summary>Rows are split across GPUs (tensor parallelism where supported).</summary>
    Row = 2,

    /// <summary>Tensor split.</summary>
    Tensor = 3,
}
