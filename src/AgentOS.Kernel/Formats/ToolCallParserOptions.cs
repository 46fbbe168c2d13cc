namespace AgentOS.Kernel.Formats;

/// <summary>How a parser recognises markers and numbers calls.</summary>
public sealed class ToolCallParserOptions
{
    /// <summary>
    /// Says whether a marker (e.g. <c>&lt;tool_call&gt;</c>) is a single special token of the model's vocabulary.
    /// Such a marker is recognised only when it arrives as that special token — never from text that spells it — which
    /// is what stops injected text from opening a call. A marker that is not a token is matched in the text stream.
    /// Default: every marker is a special token (true for the models this project trains).
    /// </summary>
    public Func<string, bool> MarkerIsSpecialToken { get; init; } = static _ => true;

    /// <summary>The ordinal of the first call this parser reports; ids are made by the format from it. Default 1.</summary>
    public int FirstCallOrdinal { get; init; } = 1;
}
