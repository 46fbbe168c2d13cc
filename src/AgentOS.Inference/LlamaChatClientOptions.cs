namespace AgentOS.Inference;

/// <summary>Settings of a <see cref="LlamaChatClient"/>. Null properties take the documented defaults.</summary>
public sealed class LlamaChatClientOptions
{
    /// <summary>The context the client creates (default: <see cref="ContextOptions"/> defaults, one sequence).</summary>
    public ContextOptions? Context { get; set; }

    /// <summary>
    /// Sampling used when a request's <c>ChatOptions</c> leaves a setting unset (default: the
    /// <see cref="SamplingOptions"/> defaults).
    /// </summary>
    public SamplingOptions? Sampling { get; set; }

    /// <summary>
    /// The chat template (a template text or a llama.cpp built-in name such as <c>chatml</c>). Default: the
    /// model's <c>tokenizer.chat_template</c> when llama.cpp recognises it, otherwise ChatML.
    /// </summary>
    public string? ChatTemplate { get; set; }
}
