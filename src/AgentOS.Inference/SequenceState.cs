namespace AgentOS.Inference;

/// <summary>
/// A snapshot of one sequence (its KV cells and its tokens), taken by <see cref="LlamaSequence.SaveState"/>
/// to swap a sequence out and restore it later, into the same or another sequence of a context of the same model.
/// </summary>
public sealed class SequenceState
{
    internal SequenceState(byte[] data, int[] tokens)
    {
        Data = data;
        Tokens = tokens;
    }

    /// <summary>The tokens the state holds.</summary>
    public IReadOnlyList<int> Tokens { get; }

    /// <summary>Size of the KV data in bytes.</summary>
    public int SizeInBytes => Data.Length;

    internal byte[] Data { get; }
}
