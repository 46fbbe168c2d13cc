namespace AgentOS.Train.Tokenizer;

/// <summary>
/// Token types as llama.cpp reads them from <c>tokenizer.ggml.token_type</c> (the values of its
/// <c>llama_token_type</c> enum). The type decides how a token is parsed and printed: only
/// <see cref="Control"/> and <see cref="Unknown"/> tokens are matched in text when special parsing is on,
/// and <see cref="Byte"/> tokens print as the single byte they stand for.
/// </summary>
public enum TokenType
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>An ordinary piece of text; <c>▁</c> in it prints as a space.</summary>
    Normal = 1,

    /// <summary>The unknown token.</summary>
    Unknown = 2,

    /// <summary>A special token (BOS, EOS, the chat and tool-call markers).</summary>
    Control = 3,

    /// <summary>A user-defined token: always split out of text, even without special parsing. Not used here.</summary>
    UserDefined = 4,

    /// <summary>An unused slot.</summary>
    Unused = 5,

    /// <summary>A byte-fallback token <c>&lt;0xXX&gt;</c>.</summary>
    Byte = 6,
}
