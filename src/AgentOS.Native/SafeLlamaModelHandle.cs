using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AgentOS.Native.Interop;
using Microsoft.Win32.SafeHandles;

namespace AgentOS.Native;

/// <summary>Owns a <c>llama_model*</c>; freeing it frees the model's vocabulary too.</summary>
public sealed class SafeLlamaModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private LlamaVocabulary? _vocabulary;

    /// <summary>Creates an invalid handle (used by the interop marshaller).</summary>
    public SafeLlamaModelHandle() : base(ownsHandle: true)
    {
    }

    /// <summary>The model's vocabulary (owned by the model).</summary>
    public LlamaVocabulary Vocabulary => _vocabulary ??= new LlamaVocabulary(this, NativeMethods.llama_model_get_vocab(this));

    /// <summary>A short description of the model type, e.g. <c>llama ?B F32</c>.</summary>
    public unsafe string Description =>
        Utf8Buffer.Read((buf, size) => NativeMethods.llama_model_desc(this, (byte*)buf, size)) ?? string.Empty;

    /// <summary>Total size of the tensors in bytes.</summary>
    public ulong SizeInBytes => NativeMethods.llama_model_size(this);

    /// <summary>Number of parameters.</summary>
    public ulong ParameterCount => NativeMethods.llama_model_n_params(this);

    /// <summary>Context length the model was trained with.</summary>
    public int TrainedContextLength => NativeMethods.llama_model_n_ctx_train(this);

    /// <summary>Embedding width.</summary>
    public int EmbeddingLength => NativeMethods.llama_model_n_embd(this);

    /// <summary>Number of layers.</summary>
    public int LayerCount => NativeMethods.llama_model_n_layer(this);

    // llama.cpp aborts the process when asked for the heads of layer 0 of a model without layers (a
    // vocabulary-only load): ask only when there is a layer.

    /// <summary>Number of attention heads (0 for a vocabulary-only load).</summary>
    public int HeadCount => LayerCount > 0 ? NativeMethods.llama_model_n_head(this) : 0;

    /// <summary>Number of key/value heads (0 for a vocabulary-only load).</summary>
    public int KvHeadCount => LayerCount > 0 ? NativeMethods.llama_model_n_head_kv(this) : 0;

    /// <summary>Whether the model has an encoder (needs <c>llama_encode</c>).</summary>
    public bool HasEncoder => NativeMethods.llama_model_has_encoder(this);

    /// <summary>Whether the model has a decoder.</summary>
    public bool HasDecoder => NativeMethods.llama_model_has_decoder(this);

    /// <summary>Whether the model is recurrent (Mamba, RWKV), whose state cannot be truncated freely.</summary>
    public bool IsRecurrent => NativeMethods.llama_model_is_recurrent(this);

    /// <summary>Number of GGUF metadata entries.</summary>
    public int MetadataCount => NativeMethods.llama_model_meta_count(this);

    /// <summary>
    /// Loads a GGUF model. <paramref name="progress"/> receives 0..1 and returns false to abort the load.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="progress"/> returned false.</exception>
    /// <exception cref="LlamaNativeException">llama.cpp could not load the file (details in the log).</exception>
    public static unsafe SafeLlamaModelHandle LoadFromFile(string path, LlamaModelParams parameters, Func<float, bool>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        LlamaRuntime.EnsureInitialized();
        _ = NativeLogBridge.TakeLastError();
        var state = progress is null ? null : new ProgressState(progress);
        var gcHandle = state is null ? default : GCHandle.Alloc(state);
        try
        {
            if (state is not null)
            {
                parameters.progress_callback = (IntPtr)(delegate* unmanaged[Cdecl]<float, IntPtr, byte>)&OnProgress;
                parameters.progress_callback_user_data = GCHandle.ToIntPtr(gcHandle);
            }

            var model = NativeMethods.llama_model_load_from_file(path, parameters);
            if (model == IntPtr.Zero)
            {
                if (state?.Error is { } error)
                {
                    throw error is OperationCanceledException ? error : new OperationCanceledException("The progress callback failed; the load was aborted.", error);
                }

                if (state?.Aborted == true)
                {
                    throw new OperationCanceledException("Model loading was cancelled.");
                }

                var reason = NativeLogBridge.TakeLastError() ?? "see the llama.cpp log";
                throw new LlamaNativeException($"llama.cpp could not load the model '{path}': {reason}.");
            }

            var handle = new SafeLlamaModelHandle();
            handle.SetHandle(model);
            return handle;
        }
        finally
        {
            if (gcHandle.IsAllocated)
            {
                gcHandle.Free();
            }
        }
    }

    /// <summary>A metadata value as text (arrays are not supported by llama.cpp), or null when the key is absent.</summary>
    public unsafe string? GetMetadata(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keyUtf8 = Utf8Buffer.Allocate(key);
        try
        {
            return Utf8Buffer.Read((buf, size) => NativeMethods.llama_model_meta_val_str(this, keyUtf8, (byte*)buf, size));
        }
        finally
        {
            NativeMemory.Free(keyUtf8);
        }
    }

    /// <summary>All metadata entries that llama.cpp can render as text, keyed by GGUF key.</summary>
    public unsafe IReadOnlyDictionary<string, string> ReadAllMetadata()
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = MetadataCount;
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var key = Utf8Buffer.Read((buf, size) => NativeMethods.llama_model_meta_key_by_index(this, index, (byte*)buf, size));
            var value = Utf8Buffer.Read((buf, size) => NativeMethods.llama_model_meta_val_str_by_index(this, index, (byte*)buf, size), 1024);
            if (key is not null && value is not null)
            {
                entries[key] = value;
            }
        }

        return entries;
    }

    /// <summary>The chat template stored in the model (<c>tokenizer.chat_template</c>, or a named one), or null.</summary>
    public unsafe string? GetChatTemplate(string? name = null)
    {
        var template = NativeMethods.llama_model_chat_template(this, name);
        return template == null ? null : Marshal.PtrToStringUTF8((IntPtr)template);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        NativeMethods.llama_model_free(handle);
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnProgress(float progress, IntPtr userData)
    {
        // Never let an exception unwind into llama.cpp: record it and abort the load instead.
        var state = (ProgressState)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            if (state.Callback(progress))
            {
                return 1;
            }

            state.Aborted = true;
            return 0;
        }
        catch (Exception ex)
        {
            state.Error = ex;
            return 0;
        }
    }

    private sealed class ProgressState(Func<float, bool> callback)
    {
        public Func<float, bool> Callback { get; } = callback;

        public bool Aborted { get; set; }

        public Exception? Error { get; set; }
    }
}
