using AgentOS.Train.Model;

namespace AgentOS.Train.Tests.Model;

public sealed class SystemTurnTests
{
    // Token ids of a toy transcript: 1 start, 2 opens a turn, 3 closes it, 4 system, 5 user, 6 assistant, 10+ text.
    private static readonly int[] SystemPart = [1, 2, 4, 10, 11, 12, 3];

    private static TrainingSequence Transcript(params int[] ownTurns)
    {
        int[] tokens = [.. SystemPart, .. ownTurns];
        var targets = new bool[tokens.Length];
        for (int i = SystemPart.Length; i < tokens.Length; i++)
        {
            targets[i] = tokens[i] != 2;
        }

        return new TrainingSequence(tokens, targets);
    }

    [Fact]
    public void Drop_KeepsTheStartTokenAndEveryTurnAfterTheSystemTurn()
    {
        var transcript = Transcript(2, 5, 20, 21, 3, 2, 6, 22, 3);
        var shortened = SystemTurn.Drop(transcript, sharedPrefix: SystemPart.Length + 2);
        Assert.Equal([1, 2, 5, 20, 21, 3, 2, 6, 22, 3], shortened.Tokens);
        Assert.Equal(transcript.Targets.AsSpan(SystemPart.Length).ToArray(), shortened.Targets.AsSpan(1).ToArray());
        Assert.False(shortened.Targets[0]);
    }

    [Fact]
    public void Drop_SharedPrefixEndingInsideTheUserTurn_StillCutsAtThatTurn()
    {
        // All transcripts share the user turn's opening and its first word: the cut is at the turn, not at the prefix's end.
        var transcript = Transcript(2, 5, 20, 21, 3, 2, 6, 22, 3);
        var shortened = SystemTurn.Drop(transcript, sharedPrefix: SystemPart.Length + 3);
        Assert.Equal([1, 2, 5, 20, 21, 3, 2, 6, 22, 3], shortened.Tokens);
    }

    [Fact]
    public void Drop_NoTurnAfterTheFirstInsideThePrefix_ReturnsTheSequenceAsItIs()
    {
        var transcript = Transcript(2, 5, 20, 3);
        Assert.Same(transcript, SystemTurn.Drop(transcript, sharedPrefix: 3));
    }

    [Fact]
    public void Drop_NothingShared_ReturnsTheSequenceAsItIs()
    {
        var transcript = Transcript(2, 5, 20, 3);
        Assert.Same(transcript, SystemTurn.Drop(transcript, sharedPrefix: 0));
    }
}
