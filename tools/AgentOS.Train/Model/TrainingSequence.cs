namespace AgentOS.Train.Model;

/// <summary>
/// One tokenized transcript and which of its tokens the model learns to write. This is the boundary
/// between the corpus/tokenizer and the trainer: the trainer knows token ids, nothing about text.
/// </summary>
/// <remarks>
/// <c>Targets[i]</c> is true when token <c>i</c> was written by the assistant (including the
/// <c>&lt;|im_end|&gt;</c> that closes its turn): the loss trains the model to predict it from tokens
/// 0…i−1. System, user and tool-response tokens are context only. <c>Targets[0]</c> must be false,
/// since nothing precedes the first token.
/// </remarks>
internal sealed class TrainingSequence
{
    /// <summary>Checks and wraps <paramref name="tokens"/> and <paramref name="targets"/> (not copied).</summary>
    public TrainingSequence(int[] tokens, bool[] targets)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(targets);
        if (tokens.Length != targets.Length)
        {
            throw new ArgumentException($"A sequence of {tokens.Length} tokens needs {tokens.Length} target flags, not {targets.Length}.", nameof(targets));
        }

        if (tokens.Length < 2)
        {
            throw new ArgumentException("A training sequence needs at least two tokens.", nameof(tokens));
        }

        if (targets[0])
        {
            throw new ArgumentException("The first token cannot be a target: nothing precedes it.", nameof(targets));
        }

        Tokens = tokens;
        Targets = targets;
    }

    /// <summary>Token ids.</summary>
    public int[] Tokens { get; }

    /// <summary>Per token: whether the loss trains the model to predict it.</summary>
    public bool[] Targets { get; }

    /// <summary>Number of tokens.</summary>
    public int Length => Tokens.Length;

    /// <summary>Number of target tokens.</summary>
    public int TargetCount => Targets.Count(t => t);
}
