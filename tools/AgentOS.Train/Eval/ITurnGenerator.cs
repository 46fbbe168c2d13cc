using AgentOS.Kernel.Formats;

namespace AgentOS.Train.Eval;

/// <summary>A model that continues a prompt with one assistant turn: llama.cpp in the harness, a fake in unit tests.</summary>
public interface ITurnGenerator
{
    /// <summary>The model's own tokenizer: prompts are tokenized with it, as the kernel does at run time.</summary>
    ITextTokenizer Tokenizer { get; }

    /// <summary>The BOS token to put in front of a prompt, or null when the model takes none.</summary>
    int? Bos { get; }

    /// <summary>
    /// Greedily generates after <paramref name="prompt"/> until an end-of-generation token (not returned) or
    /// <paramref name="maxTokens"/> tokens, and returns the generated text as pieces: runs of ordinary text, and each
    /// special token on its own.
    /// </summary>
    IReadOnlyList<GeneratedPiece> Generate(IReadOnlyList<int> prompt, int maxTokens, CancellationToken cancellationToken = default);
}
