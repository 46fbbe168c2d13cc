namespace AgentOS.Kernel.Runs;

/// <summary>New text of the model's thinking (inside its thinking markers).</summary>
/// <param name="Step">The step.</param>
/// <param name="Text">The new text.</param>
public sealed record ThinkingEvent(int Step, string Text) : AgentEvent(Step);
