using AgentOS.Kernel.Formats;

namespace AgentOS.Kernel.Runs;

/// <summary>What the loop needs to know about a model's vocabulary.</summary>
public interface IAgentVocabulary : ITextTokenizer
{
    /// <summary>The token to put first in a new sequence (the model's BOS when it wants one), or null.</summary>
    int? StartToken { get; }

    /// <summary>Whether the token ends generation (EOS, end of turn).</summary>
    bool IsEndOfGeneration(int token);

    /// <summary>Whether the token is a special (control or user-defined) token rather than text.</summary>
    bool IsSpecial(int token);

    /// <summary>The bytes the token stands for (a special token's text for special tokens); may be part of a UTF-8 character.</summary>
    byte[] TokenBytes(int token);

    /// <summary>The special token whose text is exactly <paramref name="text"/>, or null.</summary>
    int? FindSpecialToken(string text);
}
