using System.Runtime.InteropServices;

namespace AgentOS.Native;

/// <summary>
/// <c>struct llama_model_params</c> of the pinned release: 80 bytes, layout per ABI.md.
/// Start from <see cref="CreateDefault"/>; a zeroed struct is NOT the library's default.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 80)]
public struct LlamaModelParams
{
    [FieldOffset(0x00)] internal IntPtr devices;
    [FieldOffset(0x08)] internal IntPtr tensor_buft_overrides;
    [FieldOffset(0x10)] internal int n_gpu_layers;
    [FieldOffset(0x14)] internal int split_mode;
    [FieldOffset(0x18)] internal int load_mode;
    [FieldOffset(0x1c)] internal int lazy_mode;
    [FieldOffset(0x20)] internal int main_gpu;
    [FieldOffset(0x28)] internal IntPtr tensor_split;
    [FieldOffset(0x30)] internal IntPtr progress_callback;
    [FieldOffset(0x38)] internal IntPtr progress_callback_user_data;
    [FieldOffset(0x40)] internal IntPtr kv_overrides;
    [FieldOffset(0x48)] internal byte vocab_only;
    [FieldOffset(0x49)] internal byte check_tensors;
    [FieldOffset(0x4a)] internal byte use_extra_bufts;
    [FieldOffset(0x4b)] internal byte no_host;
    [FieldOffset(0x4c)] internal byte no_alloc;
    [FieldOffset(0x4d)] internal byte load_mtp;

    /// <summary>The library's defaults (<c>llama_model_default_params</c>). Requires <see cref="LlamaRuntime.Initialize"/>.</summary>
    public static LlamaModelParams CreateDefault()
    {
        LlamaRuntime.EnsureInitialized();
        return Interop.NativeMethods.llama_model_default_params();
    }

    /// <summary>Layers to offload to the GPU; negative means all (library default -1).</summary>
    public int GpuLayerCount { readonly get => n_gpu_layers; set => n_gpu_layers = value; }

    /// <summary>How the model is split across several GPUs (default <see cref="LlamaSplitMode.Layer"/>).</summary>
    public LlamaSplitMode SplitMode { readonly get => (LlamaSplitMode)split_mode; set => split_mode = (int)value; }

    /// <summary>How the weights are read: mmap, mlock, plain reads (default <see cref="LlamaLoadMode.Auto"/>).</summary>
    public LlamaLoadMode LoadMode { readonly get => (LlamaLoadMode)load_mode; set => load_mode = (int)value; }

    /// <summary>The GPU used for the whole model when <see cref="SplitMode"/> is <see cref="LlamaSplitMode.None"/> (default 0).</summary>
    public int MainGpu { readonly get => main_gpu; set => main_gpu = value; }

    /// <summary>Load only the vocabulary, no weights (default false).</summary>
    public bool VocabularyOnly { readonly get => vocab_only != 0; set => vocab_only = value ? (byte)1 : (byte)0; }

    /// <summary>Validate the tensor data while loading (default false; slow).</summary>
    public bool CheckTensors { readonly get => check_tensors != 0; set => check_tensors = value ? (byte)1 : (byte)0; }

    /// <summary>Allow extra buffer types, used for weight repacking (default true).</summary>
    public bool UseExtraBufferTypes { readonly get => use_extra_bufts != 0; set => use_extra_bufts = value ? (byte)1 : (byte)0; }
}
