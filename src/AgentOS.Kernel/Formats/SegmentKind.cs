namespace AgentOS.Kernel.Formats;

/// <summary>How a prompt segment is tokenized, which is what keeps untrusted text from becoming control tokens.</summary>
public enum SegmentKind
{
    /// <summary>
    /// Text of the chat template itself (role markers, tool-call markers, fixed instructions). Tokenized with
    /// special-token parsing ON, so <c>&lt;|im_start|&gt;</c> or <c>&lt;tool_call&gt;</c> become single special tokens.
    /// </summary>
    Template,

    /// <summary>
    /// Text that came from somewhere else: the user's task, a tool's result, a document, a tool description, the
    /// model's own prose and call arguments. Tokenized with special-token parsing OFF, so a literal
    /// <c>&lt;tool_call&gt;</c> in it stays ordinary text and can never open a call.
    /// </summary>
    Content,
}
