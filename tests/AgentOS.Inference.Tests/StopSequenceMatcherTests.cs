namespace AgentOS.Inference.Tests;

public sealed class StopSequenceMatcherTests
{
    [Fact]
    public void Push_NoStopSequences_ReleasesEverything()
    {
        var matcher = new StopSequenceMatcher([]);

        Assert.Equal(("abc", false), matcher.Push("abc"));
    }

    [Fact]
    public void Push_StopSpanningPieces_HoldsBackThenCutsBeforeIt()
    {
        var matcher = new StopSequenceMatcher(["</end>"]);

        Assert.Equal(("hello ", false), matcher.Push("hello </"));
        Assert.Equal(("", false), matcher.Push("en"));
        Assert.Equal(("", true), matcher.Push("d> ignored"));
    }

    [Fact]
    public void Push_FalseStart_ReleasesTheHeldText()
    {
        var matcher = new StopSequenceMatcher(["STOP"]);

        Assert.Equal(("a", false), matcher.Push("aST"));
        Assert.Equal(("STx", false), matcher.Push("x"));
    }

    [Fact]
    public void Push_EarliestOfSeveralStops_Wins()
    {
        var matcher = new StopSequenceMatcher(["yz", "b"]);

        Assert.Equal(("a", true), matcher.Push("abxyz"));
    }

    [Fact]
    public void Push_StopStartingWithAstralCharacter_NeverSplitsASurrogatePair()
    {
        var matcher = new StopSequenceMatcher(["𝄞!"]);

        var (released, stopped) = matcher.Push("a𝄞");

        Assert.False(stopped);
        Assert.Equal("a", released);
        Assert.Equal("𝄞?", matcher.Push("?").Released);
    }

    [Fact]
    public void Flush_ReleasesHeldText()
    {
        var matcher = new StopSequenceMatcher(["END"]);
        matcher.Push("xE");

        Assert.Equal("E", matcher.Flush());
    }
}
