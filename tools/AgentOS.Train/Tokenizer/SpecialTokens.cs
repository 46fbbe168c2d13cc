namespace AgentOS.Train.Tokenizer;

/// <summary>
/// The texts of the vocabulary's special tokens. The chat and tool-call markers are those of the
/// tool-call protocol (DESIGN.md); each is one CONTROL token, so it only ever comes from trusted
/// template text tokenized with special parsing on, never from content.
/// </summary>
public static class SpecialTokens
{
    /// <summary>The unknown token, id 0.</summary>
    public const string Unknown = "<unk>";

    /// <summary>Beginning of sequence, id 1.</summary>
    public const string Bos = "<s>";

    /// <summary>End of sequence, id 2.</summary>
    public const string Eos = "</s>";

    /// <summary>Opens a chat turn.</summary>
    public const string ImStart = "<|im_start|>";

    /// <summary>Closes a chat turn; llama.cpp detects it by its text as end-of-turn.</summary>
    public const string ImEnd = "<|im_end|>";

    /// <summary>Opens a tool call.</summary>
    public const string ToolCallStart = "<tool_call>";

    /// <summary>Closes a tool call.</summary>
    public const string ToolCallEnd = "</tool_call>";

    /// <summary>Opens a tool result.</summary>
    public const string ToolResponseStart = "<tool_response>";

    /// <summary>Closes a tool result.</summary>
    public const string ToolResponseEnd = "</tool_response>";

    /// <summary>Opens a thought.</summary>
    public const string ThinkStart = "<think>";

    /// <summary>Closes a thought.</summary>
    public const string ThinkEnd = "</think>";

    /// <summary>The protocol's markers, in the order they take at the end of the vocabulary.</summary>
    public static IReadOnlyList<string> ProtocolMarkers { get; } =
    [
        ImStart, ImEnd, ToolCallStart, ToolCallEnd, ToolResponseStart, ToolResponseEnd, ThinkStart, ThinkEnd,
    ];
}
