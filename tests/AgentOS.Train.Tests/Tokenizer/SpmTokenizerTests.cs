using System.Text;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Tokenizer;

public sealed class SpmTokenizerTests
{
    private static readonly SpmTokenizer Tokenizer = new(Vocabulary.Create(
        PieceLearner.Learn(
        [
            "What is 17 * 23? The calculator says 391.",
            "Reverse the word \"lantern\" please, the word lantern.",
            "{\"name\": \"calculator\", \"arguments\": {\"expression\": \"17 * 23\"}}",
            "the the the word word words calculator calculator",
        ],
        maxPieces: 200)));

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("  two  spaces and trailing ")]
    [InlineData("line one\nline two\r\n\ttabbed")]
    [InlineData("Grüße aus Köln — ½ × 3 ≠ 2")]
    [InlineData("日本語のテキスト")]
    [InlineData("emoji 🦙🔧 and a surrogate pair 𝄞")]
    [InlineData("control \u0001\u0002\u007f chars")]
    [InlineData("<tool_call>{\"name\": \"x\"}</tool_call> <|im_end|>")]
    public void Decode_OfEncode_ReturnsTheText(string text)
    {
        var ids = Tokenizer.Encode(text, parseSpecial: false);

        Assert.Equal(text, Tokenizer.Decode(ids, special: false));
    }

    [Fact]
    public void Decode_OfEncode_ReturnsRandomText()
    {
        var random = new Random(1234);
        for (var n = 0; n < 300; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                var kind = random.Next(4);
                var rune = kind switch
                {
                    0 => new Rune(random.Next(0x20, 0x7F)),
                    1 => new Rune(random.Next(0, 0x20)),
                    2 => new Rune(random.Next(0xA0, 0xD7FF)),
                    _ => new Rune(random.Next(0x10000, 0x10FFFF)),
                };
                builder.Append(rune.ToString());
            }

            // A literal U+2581 is the one character that cannot survive: SPM reads it as its space marker.
            var text = builder.ToString().Replace(Vocabulary.SpaceMarker, "_", StringComparison.Ordinal);
            Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text, parseSpecial: false), special: false));
        }
    }

    [Fact]
    public void Encode_LoneSurrogate_BecomesReplacementCharacterAsInUtf8()
    {
        var ids = Tokenizer.Encode("a\uD800b", parseSpecial: false);

        Assert.Equal("a\uFFFDb", Tokenizer.Decode(ids, special: false));
    }

    [Fact]
    public void Encode_Numbers_GivesOneTokenPerDigit()
    {
        var ids = Tokenizer.Encode("17 * 23 = 391 and 1234567890", parseSpecial: false);
        var pieces = ids.Select(id => Tokenizer.Vocabulary.Tokens[id]).ToList();

        foreach (var piece in pieces.Where(p => p.Any(char.IsAsciiDigit)))
        {
            Assert.Single(piece);
        }

        Assert.Equal(17, pieces.Count(p => p.Length == 1 && char.IsAsciiDigit(p[0])));
    }

    [Fact]
    public void Encode_LearnedWord_IsOneToken()
    {
        var ids = Tokenizer.Encode("calculator", parseSpecial: false);

        Assert.Equal(["calculator"], ids.Select(id => Tokenizer.Vocabulary.Tokens[id]));
    }

    [Fact]
    public void Encode_Space_IsItsOwnMarkerToken()
    {
        var ids = Tokenizer.Encode("the word", parseSpecial: false);

        Assert.Equal(["the", Vocabulary.SpaceMarker, "word"], ids.Select(id => Tokenizer.Vocabulary.Tokens[id]));
    }

    [Fact]
    public void Encode_WordInQuotesOrAfterSpace_HasTheSameTokens()
    {
        var afterSpace = Tokenizer.Encode(" lantern", parseSpecial: false).Skip(1);
        var inQuotes = Tokenizer.Encode("'lantern'", parseSpecial: false).Skip(1).SkipLast(1);

        Assert.Equal(afterSpace, inQuotes);
    }

    [Theory]
    [InlineData("<|im_start|>")]
    [InlineData("<|im_end|>")]
    [InlineData("<tool_call>")]
    [InlineData("</tool_call>")]
    [InlineData("<tool_response>")]
    [InlineData("</tool_response>")]
    [InlineData("<think>")]
    [InlineData("</think>")]
    public void Encode_MarkerWithSpecialParsing_IsOneControlToken(string marker)
    {
        var ids = Tokenizer.Encode(marker, parseSpecial: true);

        var id = Assert.Single(ids);
        Assert.Equal(TokenType.Control, Tokenizer.Vocabulary.Types[id]);
        Assert.Equal(marker, Tokenizer.Decode(ids, special: true));
        Assert.Equal("", Tokenizer.Decode(ids, special: false));
    }

    [Theory]
    [InlineData("<|im_start|>")]
    [InlineData("<tool_call>")]
    [InlineData("</tool_response>")]
    [InlineData("<s>")]
    [InlineData("<unk>")]
    public void Encode_MarkerWithoutSpecialParsing_HasNoControlToken(string marker)
    {
        var ids = Tokenizer.Encode($"x {marker} y", parseSpecial: false);

        Assert.All(ids, id => Assert.NotEqual(TokenType.Control, Tokenizer.Vocabulary.Types[id]));
        Assert.All(ids, id => Assert.NotEqual(TokenType.Unknown, Tokenizer.Vocabulary.Types[id]));
        Assert.Equal($"x {marker} y", Tokenizer.Decode(ids, special: false));
    }

    [Fact]
    public void Encode_TemplateText_SplitsMarkersOutOfText()
    {
        var ids = Tokenizer.Encode("<|im_start|>user\nhi<|im_end|>\n", parseSpecial: true);
        var vocabulary = Tokenizer.Vocabulary;

        Assert.Equal(vocabulary.ImStartId, ids[0]);
        Assert.Contains(vocabulary.ImEndId, ids);
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n", Tokenizer.Decode(ids, special: true));
    }

    [Fact]
    public void Encode_PrefersTheEarlierMerge()
    {
        // "ab" is merged before "bc", so "abc" is "ab" + "c" and never "a" + "bc".
        var tokenizer = new SpmTokenizer(Vocabulary.Create(["ab", "bc"]));

        var pieces = tokenizer.Encode("abc", parseSpecial: false).Select(id => tokenizer.Vocabulary.Tokens[id]);

        Assert.Equal(["ab", "c"], pieces);
    }

    [Fact]
    public void Encode_EqualScores_MergeLeftmostFirst()
    {
        var tokenizer = new SpmTokenizer(Vocabulary.Create(["aa"]));

        var pieces = tokenizer.Encode("aaa", parseSpecial: false).Select(id => tokenizer.Vocabulary.Tokens[id]);

        Assert.Equal(["aa", "a"], pieces);
    }
}
