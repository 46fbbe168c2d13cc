namespace AgentOS.Train.Model;

/// <summary>The system turn at the head of every training transcript (the instructions and the tool schemas).</summary>
internal static class SystemTurn
{
    /// <summary>
    /// The sequence without its system turn: the start token, then the transcript from its first turn after the
    /// system turn on. The turns are found by the token that opens the system turn (the one after the start token):
    /// the last time it occurs inside the prefix all transcripts share opens the first turn of their own.
    /// A sequence with nothing to drop is returned as it is.
    /// </summary>
    /// <param name="sequence">A transcript: start token, system turn, then the conversation.</param>
    /// <param name="sharedPrefix">Length of the prefix all training transcripts share.</param>
    public static TrainingSequence Drop(TrainingSequence sequence, int sharedPrefix)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var tokens = sequence.Tokens;
        int lastShared = Math.Min(sharedPrefix, tokens.Length) - 1;
        int firstOwnTurn = lastShared < 2 ? -1 : Array.LastIndexOf(tokens, tokens[1], lastShared);
        if (firstOwnTurn <= 1)
        {
            return sequence;
        }

        int[] kept = [tokens[0], .. tokens.AsSpan(firstOwnTurn)];
        bool[] targets = [false, .. sequence.Targets.AsSpan(firstOwnTurn)];
        return new TrainingSequence(kept, targets);
    }
}
