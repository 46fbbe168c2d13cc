namespace AgentOS.Kernel.Runs;

/// <summary>
/// New prose of the model outside thinking and calls, as it is generated. Whether it is the answer is known only
/// when the turn ends: an <see cref="AnswerEvent"/> follows if the turn called no tool.
/// </summary>
/// <param name="Step">The step.</param>
/// <param name="Text">The new text.</param>
public sealed record TextEvent(int Step, string Text) : AgentEvent(Step);
