namespace AgentOS.Native;

/// <summary><c>enum llama_token_attr</c>: what kind of token a vocabulary entry is.</summary>
[Flags]
public enum LlamaTokenAttributes
{
    /// <summary>No attribute.</summary>
    Undefined = 0,

    /// <summary>The unknown token.</summary>
    Unknown = 1 << 0,

    /// <summary>Unused slot.</summary>
    Unused = 1 << 1,

    /// <summary>Ordinary text token.</summary>
    Normal = 1 << 2,

    /// <summary>Control token: never produced from text unless special parsing is on.</summary>
    Control = 1 << 3,

    /// <summary>User-defined token: matched in text even without special parsing.</summary>
    UserDefined = 1 << 4,

    /// <summary>A byte-fallback token.</summary>
    Byte = 1 << 5,

    /// <summary>Normalized token.</summary>
    Normalized = 1 << 6,

    /// <summary>Strips whitespace on its left.</summary>
    LeftStrip = 1 << 7,

    /// <summary>Strips whitespace on its right.</summary>
    RightStrip = 1 << 8,

    /// <summary>Matches whole words only.</summary>
    SingleWord = 1 << 9,
}
