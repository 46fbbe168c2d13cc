namespace AgentOS.Kernel.Formats;

/// <summary>
/// One piece of a rendered prompt: its text, how it must be tokenized, and whether the model itself produces it
/// (the assistant's thinking, prose, calls and end-of-turn marker). A prompt is a list of segments rather than one
/// string so that the trust boundary survives until tokenization.
/// </summary>
/// <param name="Text">The text of the segment.</param>
/// <param name="Kind">Template text (special tokens parsed) or content (special tokens never parsed).</param>
/// <param name="IsModelOutput">True for text the model generates in an assistant turn; a trainer computes its loss only on these tokens.</param>
public readonly record struct PromptSegment(string Text, SegmentKind Kind, bool IsModelOutput)
{
    /// <summary>Template text that the model does not generate (role headers, tool-response wrappers).</summary>
    public static PromptSegment Template(string text) => new(text, SegmentKind.Template, false);

    /// <summary>Untrusted content that the model does not generate (user text, tool results, schemas).</summary>
    public static PromptSegment Content(string text) => new(text, SegmentKind.Content, false);

    /// <summary>Template text that the model generates (<c>&lt;tool_call&gt;</c>, <c>&lt;|im_end|&gt;</c> in an assistant turn).</summary>
    public static PromptSegment OutputTemplate(string text) => new(text, SegmentKind.Template, true);

    /// <summary>Content that the model generates (its thinking, its answer, the JSON of its calls).</summary>
    public static PromptSegment OutputContent(string text) => new(text, SegmentKind.Content, true);
}
