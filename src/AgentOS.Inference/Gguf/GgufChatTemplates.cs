namespace AgentOS.Inference.Gguf;

/// <summary>Chat templates (Jinja) to write into <c>tokenizer.chat_template</c>.</summary>
public static class GgufChatTemplates
{
    /// <summary>
    /// ChatML: each message as <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>, and
    /// <c>&lt;|im_start|&gt;assistant\n</c> when a generation prompt is asked for. llama.cpp recognises it
    /// by its <c>&lt;|im_start|&gt;</c> marker.
    /// </summary>
    public const string ChatML =
        """{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}""";
}
