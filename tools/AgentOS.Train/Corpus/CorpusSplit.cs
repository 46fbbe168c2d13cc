namespace AgentOS.Train.Corpus;

/// <summary>Which part of the corpus an episode belongs to.</summary>
public enum CorpusSplit
{
    /// <summary>Training transcripts: training templates and training values only.</summary>
    Train,

    /// <summary>Held-out transcripts: held-out values, and templates of both kinds (some never seen in training).</summary>
    HeldOut,
}
