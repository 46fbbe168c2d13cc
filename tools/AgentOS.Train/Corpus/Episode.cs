using AgentOS.Kernel.Conversations;

namespace AgentOS.Train.Corpus;

/// <summary>
/// One generated task with its reference transcript: the user's message, the assistant's turns, and the results the
/// real tools returned for the calls; plus what a correct run must do, for evaluation.
/// </summary>
/// <param name="Id">Stable identifier (<c>train-000123</c>, <c>heldout-000042</c>).</param>
/// <param name="Family">The task family (<c>calculator</c>, <c>js</c>, …).</param>
/// <param name="Template">The phrasing template's id.</param>
/// <param name="TemplateHeldOut">True when the template is one training never uses.</param>
/// <param name="Split">Training or held-out.</param>
/// <param name="Messages">The conversation after the system turn: user message, then assistant turns and tool results.</param>
/// <param name="UntrainedTurns">Indexes (0-based, counting assistant turns only) of assistant turns the model must
/// not learn to write: the deliberately wrong call of an error-recovery episode. They are context, not targets.</param>
/// <param name="ExpectedCalls">The calls a correct run makes, in order (empty when the task needs no tool).</param>
/// <param name="AnswerContains">Strings the final answer must contain.</param>
public sealed record Episode(
    string Id,
    string Family,
    string Template,
    bool TemplateHeldOut,
    CorpusSplit Split,
    IReadOnlyList<ConversationMessage> Messages,
    IReadOnlyList<int> UntrainedTurns,
    IReadOnlyList<ExpectedCall> ExpectedCalls,
    IReadOnlyList<string> AnswerContains)
{
    /// <summary>The user's task: the text of the first message.</summary>
    public string Task => ((UserMessage)Messages[0]).Text;
}
