namespace AgentOS.Kernel.Formats;

/// <summary>The one tokenizer operation prompt rendering needs; implemented over the engine's vocabulary and by the trainer's tokenizer.</summary>
public interface ITextTokenizer
{
    /// <summary>Tokenizes <paramref name="text"/> without adding BOS/EOS.</summary>
    /// <param name="text">The text.</param>
    /// <param name="parseSpecial">True to turn the text of special tokens into those tokens; false to keep it plain text.</param>
    IReadOnlyList<int> Tokenize(string text, bool parseSpecial);
}
