using AgentOS.Inference.Gguf;
using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>
/// A GGUF model loaded through llama.cpp: its metadata, its tokenizer, and the contexts that run it.
/// Thread-safe to share; each <see cref="LlamaContext"/> has a single owner.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;

    private LlamaModel(string path, SafeLlamaModelHandle handle, int gpuLayers, bool vocabularyOnly)
    {
        Path = path;
        _handle = handle;
        GpuLayers = gpuLayers;
        VocabularyOnly = vocabularyOnly;
        Metadata = new ModelMetadata(handle);
        Tokenizer = new LlamaTokenizer(handle.Vocabulary);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>What the model says about itself.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The model's tokenizer.</summary>
    public LlamaTokenizer Tokenizer { get; }

    /// <summary>Layers offloaded to the GPU as requested (negative = all; 0 on the CPU).</summary>
    public int GpuLayers { get; }

    /// <summary>Whether only the vocabulary was loaded (no contexts possible).</summary>
    public bool VocabularyOnly { get; }

    internal SafeLlamaModelHandle Handle => _handle;

    /// <summary>
    /// Loads a GGUF model. The file is checked on the managed side first (exists, readable, GGUF magic and
    /// version, every length and offset in its header and tensor table, tensor data inside the file), so a
    /// bad file is a <see cref="ModelLoadException"/> with a clear message and native code never sees it.
    /// Initializes <see cref="LlamaRuntime"/> with its defaults if the host has not done so.
    /// </summary>
    /// <param name="path">The .gguf file.</param>
    /// <param name="options">Load options (null: defaults).</param>
    /// <param name="progress">Receives the load progress from 0 to 1.</param>
    /// <param name="cancellationToken">Aborts the load.</param>
    /// <exception cref="ModelLoadException">The file is missing, unreadable, not a GGUF, truncated, or refused by llama.cpp.</exception>
    /// <exception cref="OperationCanceledException">The load was cancelled.</exception>
    public static LlamaModel Load(string path, ModelOptions? options = null, IProgress<float>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        cancellationToken.ThrowIfCancellationRequested();
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            _ = GgufFile.Read(fullPath);
        }
        catch (GgufFormatException ex)
        {
            throw new ModelLoadException(fullPath, $"Cannot load model: {ex.Message}", ex);
        }

        if (!LlamaRuntime.IsInitialized)
        {
            LlamaRuntime.Initialize();
        }

        options ??= new ModelOptions();
        var parameters = options.ToNative();
        Func<float, bool>? onProgress = progress is null && !cancellationToken.CanBeCanceled
            ? null
            : fraction =>
            {
                progress?.Report(fraction);
                return !cancellationToken.IsCancellationRequested;
            };

        SafeLlamaModelHandle handle;
        try
        {
            handle = SafeLlamaModelHandle.LoadFromFile(fullPath, parameters, onProgress);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Model loading was cancelled.", cancellationToken);
        }
        catch (LlamaNativeException ex)
        {
            throw new ModelLoadException(fullPath, $"Cannot load model: {ex.Message}", ex);
        }

        try
        {
            return new LlamaModel(fullPath, handle, parameters.GpuLayerCount, parameters.VocabularyOnly);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Loads a model on a thread-pool thread; see <see cref="Load"/>.</summary>
    public static Task<LlamaModel> LoadAsync(string path, ModelOptions? options = null, IProgress<float>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Load(path, options, progress, cancellationToken), cancellationToken);

    /// <summary>Creates a context (KV cache and compute buffers) for this model.</summary>
    /// <exception cref="InvalidOperationException">The model was loaded vocabulary-only.</exception>
    /// <exception cref="LlamaNativeException">llama.cpp refused the options or ran out of memory.</exception>
    public LlamaContext CreateContext(ContextOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (VocabularyOnly)
        {
            throw new InvalidOperationException("This model was loaded vocabulary-only; load it with weights to create a context.");
        }

        var parameters = (options ?? new ContextOptions()).ToNative(Metadata.TrainedContextLength);
        return new LlamaContext(this, SafeLlamaContextHandle.Create(_handle, parameters));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Metadata.Name ?? System.IO.Path.GetFileName(Path)} ({Metadata.Description})";

    /// <summary>Frees the model once every context created from it is disposed too.</summary>
    public void Dispose() => _handle.Dispose();
}
