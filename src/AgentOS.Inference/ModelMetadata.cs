using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>What a loaded model says about itself (read once at load time).</summary>
public sealed class ModelMetadata
{
    private readonly IReadOnlyDictionary<string, string> _entries;

    internal ModelMetadata(SafeLlamaModelHandle model)
    {
        _entries = model.ReadAllMetadata();
        Description = model.Description;
        SizeInBytes = model.SizeInBytes;
        ParameterCount = model.ParameterCount;
        TrainedContextLength = model.TrainedContextLength;
        EmbeddingLength = model.EmbeddingLength;
        LayerCount = model.LayerCount;
        HeadCount = model.HeadCount;
        ChatTemplate = model.GetChatTemplate();
    }

    /// <summary><c>general.architecture</c>, e.g. <c>llama</c>.</summary>
    public string? Architecture => GetString("general.architecture");

    /// <summary><c>general.name</c>, or null.</summary>
    public string? Name => GetString("general.name");

    /// <summary>llama.cpp's short description of the model type, e.g. <c>llama ?B all F32</c>.</summary>
    public string Description { get; }

    /// <summary>Size of the tensors in bytes.</summary>
    public ulong SizeInBytes { get; }

    /// <summary>Number of parameters.</summary>
    public ulong ParameterCount { get; }

    /// <summary>Context length the model was trained with.</summary>
    public int TrainedContextLength { get; }

    /// <summary>Embedding width.</summary>
    public int EmbeddingLength { get; }

    /// <summary>Number of layers.</summary>
    public int LayerCount { get; }

    /// <summary>Number of attention heads.</summary>
    public int HeadCount { get; }

    /// <summary>The Jinja chat template stored in the file (<c>tokenizer.chat_template</c>), or null.</summary>
    public string? ChatTemplate { get; }

    /// <summary>Every metadata entry llama.cpp renders as text (arrays are omitted), keyed by GGUF key.</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>The value of any metadata key as text, or null when the model has no such key.</summary>
    public string? GetString(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _entries.TryGetValue(key, out var value) ? value : null;
    }
}
