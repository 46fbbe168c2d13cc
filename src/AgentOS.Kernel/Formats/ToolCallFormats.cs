namespace AgentOS.Kernel.Formats;

/// <summary>The known tool-call formats and the choice of one from a model's chat template.</summary>
public static class ToolCallFormats
{
    /// <summary>Hermes/Qwen ChatML with <c>&lt;tool_call&gt;</c> tokens, the project's default.</summary>
    public static IToolCallFormat Hermes => HermesToolCallFormat.Instance;

    /// <summary>Llama 3.x JSON calls with <c>&lt;|python_tag|&gt;</c>.</summary>
    public static IToolCallFormat Llama3 => Llama3ToolCallFormat.Instance;

    /// <summary>Mistral <c>[TOOL_CALLS]</c>.</summary>
    public static IToolCallFormat Mistral => MistralToolCallFormat.Instance;

    /// <summary>The plain-text JSON fallback.</summary>
    public static IToolCallFormat Json => JsonToolCallFormat.Instance;

    /// <summary>The default format (<see cref="Hermes"/>).</summary>
    public static IToolCallFormat Default => Hermes;

    /// <summary>All formats, in the order detection tries them.</summary>
    public static IReadOnlyList<IToolCallFormat> All { get; } = [Hermes, Llama3, Mistral, Json];

    /// <summary>
    /// Chooses the format from a GGUF's <c>tokenizer.chat_template</c>. A template using <c>&lt;tool_call&gt;</c> or
    /// ChatML's <c>&lt;|im_start|&gt;</c> is Hermes; <c>&lt;|python_tag|&gt;</c> or <c>&lt;|start_header_id|&gt;</c> is
    /// Llama 3; <c>[TOOL_CALLS]</c> or <c>[INST]</c> is Mistral; anything else falls back to JSON. A model without a
    /// template gets the default (the project's own models are ChatML).
    /// </summary>
    public static IToolCallFormat Detect(string? chatTemplate)
    {
        if (string.IsNullOrWhiteSpace(chatTemplate))
        {
            return Default;
        }

        // The call markers are checked before the turn markers, so a template that mixes families goes by its calls.
        if (chatTemplate.Contains(HermesToolCallFormat.ToolCallOpen, StringComparison.Ordinal))
        {
            return Hermes;
        }

        if (chatTemplate.Contains(Llama3ToolCallFormat.PythonTag, StringComparison.Ordinal))
        {
            return Llama3;
        }

        if (chatTemplate.Contains(MistralToolCallFormat.ToolCalls, StringComparison.Ordinal))
        {
            return Mistral;
        }

        return All.First(format => format.Matches(chatTemplate));
    }

    /// <summary>The format with this <see cref="IToolCallFormat.Name"/>, or null.</summary>
    public static IToolCallFormat? FromName(string name) =>
        All.FirstOrDefault(format => string.Equals(format.Name, name, StringComparison.OrdinalIgnoreCase));
}
