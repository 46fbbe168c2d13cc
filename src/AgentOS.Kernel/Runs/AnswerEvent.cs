namespace AgentOS.Kernel.Runs;

/// <summary>The model's final answer.</summary>
/// <param name="Step">The step.</param>
/// <param name="Text">The answer.</param>
public sealed record AnswerEvent(int Step, string Text) : AgentEvent(Step);
