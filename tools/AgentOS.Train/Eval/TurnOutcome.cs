namespace AgentOS.Train.Eval;

/// <summary>
/// How the model did on one assistant turn of a held-out transcript, given the reference conversation before it
/// (teacher forcing): the call it should make, or the answer it should give.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="Family">The episode's task family.</param>
/// <param name="TemplateHeldOut">True when the episode's phrasing template is one training never used.</param>
/// <param name="Turn">The assistant turn's index in the episode (0-based).</param>
/// <param name="ExpectsCall">True when the reference turn calls a tool; false when it answers.</param>
/// <param name="Generated">What the model wrote, special tokens included.</param>
/// <param name="CallParsed">A call was written and parses (exactly one, well-formed).</param>
/// <param name="SchemaValid">The call names a tool and its arguments match that tool's schema.</param>
/// <param name="ToolRight">The call names the reference turn's tool.</param>
/// <param name="ArgumentsExact">The arguments equal the reference arguments as JSON.</param>
/// <param name="ArgumentsEquivalent">Running the real tool on the arguments gives the reference call's result.</param>
/// <param name="Answered">The turn answers without calling a tool.</param>
/// <param name="AnswerRight">The answer contains every string the episode's answer must contain.</param>
public sealed record TurnOutcome(
    string EpisodeId,
    string Family,
    bool TemplateHeldOut,
    int Turn,
    bool ExpectsCall,
    string Generated,
    bool CallParsed,
    bool SchemaValid,
    bool ToolRight,
    bool ArgumentsExact,
    bool ArgumentsEquivalent,
    bool Answered,
    bool AnswerRight)
{
    /// <summary>True when the turn did what the reference turn did, well enough to lead to the right outcome.</summary>
    public bool Right => ExpectsCall ? ToolRight && SchemaValid && ArgumentsEquivalent : Answered && AnswerRight;
}
