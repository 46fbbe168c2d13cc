namespace AgentOS.Native;

/// <summary><c>enum llama_flash_attn_type</c>.</summary>
public enum LlamaFlashAttention
{
    /// <summary>The library decides per backend.</summary>
    Auto = -1,

    /// <summary>Never use flash attention.</summary>
    Disabled = 0,

    /// <summary>Always use flash attention.</summary>
    Enabled = 1,
}
