using AgentOS.Kernel.Formats;

namespace AgentOS.Kernel.Tests.Fakes;

/// <summary>
/// A tokenizer for pure-logic tests: one token per character (its code), and each listed special string as one
/// token (ids from 100000 up) when special parsing is on.
/// </summary>
internal sealed class CharTokenizer : ITextTokenizer
{
    public const int SpecialBase = 100_000;
    private readonly string[] _specials;

    public CharTokenizer(IEnumerable<string> specials)
    {
        _specials = specials.OrderByDescending(s => s.Length).ToArray();
    }

    public List<(string Text, bool Parse)> Calls { get; } = [];

    public IReadOnlyList<string> Specials => _specials;

    public IReadOnlyList<int> Tokenize(string text, bool parseSpecial)
    {
        Calls.Add((text, parseSpecial));
        var tokens = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            var special = parseSpecial ? Array.FindIndex(_specials, s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) : -1;
            if (special >= 0)
            {
                tokens.Add(SpecialBase + special);
                i += _specials[special].Length;
            }
            else
            {
                tokens.Add(text[i]);
                i++;
            }
        }

        return tokens;
    }

    public string Piece(int token) => token >= SpecialBase ? _specials[token - SpecialBase] : ((char)token).ToString();

    public static bool IsSpecial(int token) => token >= SpecialBase;

    public int TokenOf(string special) => SpecialBase + Array.IndexOf(_specials, special);
}
