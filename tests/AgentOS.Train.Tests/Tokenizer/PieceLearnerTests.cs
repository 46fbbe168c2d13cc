using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Tokenizer;

public sealed class PieceLearnerTests
{
    private static readonly string[] Texts =
    [
        "What is 12 + 34? The calculator says 46.",
        "What is 56 * 78? The calculator says 4368.",
        "Reverse the word \"garden\". \"garden\" reversed is \"nedrag\".",
        "{\"name\": \"calculator\", \"arguments\": {\"expression\": \"12 + 34\"}}",
        "<tools> and <tool_call> markers stay out of pieces </tools>",
    ];

    [Fact]
    public void Learn_SameInput_GivesSamePieces()
    {
        Assert.Equal(PieceLearner.Learn(Texts, 100), PieceLearner.Learn(Texts, 100));
    }

    [Fact]
    public void Learn_FrequentWords_BecomePieces()
    {
        var pieces = PieceLearner.Learn(Texts, 100);

        Assert.Contains("calculator", pieces);
        Assert.Contains("garden", pieces);
    }

    [Fact]
    public void Learn_NeverMergesDigitsSpacesOrAngleBrackets()
    {
        var pieces = PieceLearner.Learn(Texts, 1000);

        Assert.All(pieces, p => Assert.True(Vocabulary.IsLearnablePiece(p), p));
        Assert.DoesNotContain(pieces, p => p.Any(char.IsAsciiDigit) || p.Contains('<') || p.Contains('>') || p.Contains(' '));
    }

    [Fact]
    public void Learn_KeepsLettersAndPunctuationApart()
    {
        var pieces = PieceLearner.Learn(Texts, 1000);

        Assert.All(pieces, p => Assert.True(p.All(char.IsAsciiLetter) || !p.Any(char.IsAsciiLetter), p));
    }

    [Fact]
    public void Learn_MergesPunctuationWithSpaces()
    {
        var pieces = PieceLearner.Learn(["{\"a\": \"b\", \"c\": \"d\"}", "{\"a\": \"b\", \"c\": \"d\"}"], 1000);

        Assert.Contains("\":\u2581\"", pieces);
        Assert.Contains("\",\u2581\"", pieces);
    }

    [Fact]
    public void Learn_RespectsTheLimit()
    {
        Assert.Equal(10, PieceLearner.Learn(Texts, 10).Count);
    }

    [Fact]
    public void Learn_PiecesMakeAValidVocabulary()
    {
        var vocabulary = Vocabulary.Create(PieceLearner.Learn(Texts, 1000));

        Assert.True(vocabulary.LearnedPieceCount > 10);
    }
}
