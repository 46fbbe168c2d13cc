namespace AgentOS.Kernel.Formats;

/// <summary>
/// The text of one generated token and whether that token is a special (control or user-defined) token of the
/// vocabulary. Parsers open tool calls only on special tokens when the marker is a token of the vocabulary, so
/// text that merely spells <c>&lt;tool_call&gt;</c> never opens a call.
/// </summary>
/// <param name="Text">The token's text (a special token's text is its marker, e.g. <c>&lt;tool_call&gt;</c>).</param>
/// <param name="IsSpecial">True when the token is a special token rather than ordinary text.</param>
public readonly record struct GeneratedPiece(string Text, bool IsSpecial)
{
    /// <summary>An ordinary text piece.</summary>
    public static GeneratedPiece OfText(string text) => new(text, false);

    /// <summary>A special token's piece.</summary>
    public static GeneratedPiece OfSpecial(string text) => new(text, true);
}
