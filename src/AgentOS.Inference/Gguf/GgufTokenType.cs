namespace AgentOS.Inference.Gguf;

/// <summary>The kind of a vocabulary entry (<c>tokenizer.ggml.token_type</c>), with the file's numbers.</summary>
public enum GgufTokenType
{
    /// <summary>No type given.</summary>
    Undefined = 0,

    /// <summary>Ordinary text piece.</summary>
    Normal = 1,

    /// <summary>The unknown token.</summary>
    Unknown = 2,

    /// <summary>Control token (BOS, EOS, chat markers): never produced from plain text, only by special-token parsing.</summary>
    Control = 3,

    /// <summary>User-defined token, matched as a whole in text.</summary>
    UserDefined = 4,

    /// <summary>Reserved, unused slot.</summary>
    Unused = 5,

    /// <summary>Byte-fallback token <c>&lt;0xNN&gt;</c> standing for one raw byte.</summary>
    Byte = 6,
}
