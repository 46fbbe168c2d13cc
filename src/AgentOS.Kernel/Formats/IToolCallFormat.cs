using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Grammar;

namespace AgentOS.Kernel.Formats;

/// <summary>
/// One model family's tool-calling convention: how prompts are rendered (tool schemas, turns, calls, results) and how
/// the model's output is parsed back. Rendering is prefix-stable: for a conversation C followed by an assistant turn A
/// that calls tools and their results R, <c>Render(C + A + R, true)</c> equals
/// <c>Render(C, true) + RenderAssistantOutput(A) + RenderToolResultsTurn(R)</c>, which is what lets the kernel append
/// only new tokens to a sequence whose earlier tokens are already in the KV cache. Formats do not render BOS.
/// </summary>
public interface IToolCallFormat
{
    /// <summary>Short name: <c>hermes</c>, <c>llama3</c>, <c>mistral</c> or <c>json</c>.</summary>
    string Name { get; }

    /// <summary>The marker strings of the format (e.g. <c>&lt;tool_call&gt;</c>), which should be special tokens.</summary>
    IReadOnlyList<string> Markers { get; }

    /// <summary>Text that ends an assistant turn for formats without an end-of-generation token; empty for the others.</summary>
    IReadOnlyList<string> StopSequences { get; }

    /// <summary>True when the chat template has this format's distinguishing markers.</summary>
    bool Matches(string chatTemplate);

    /// <summary>
    /// Renders a whole conversation. With <paramref name="addGenerationPrompt"/> the result ends with the opening of an
    /// assistant turn (what the model continues from); a trailing assistant message is always rendered complete.
    /// </summary>
    IReadOnlyList<PromptSegment> Render(Conversation conversation, bool addGenerationPrompt);

    /// <summary>
    /// What the model itself writes in an assistant turn (thinking, prose, calls), without the generation prompt that
    /// precedes it and without the end-of-turn marker. All segments are model output.
    /// </summary>
    IReadOnlyList<PromptSegment> RenderAssistantOutput(AssistantMessage message);

    /// <summary>
    /// Everything appended after the model's output in a turn that called tools: the end of that turn, the results,
    /// and the opening of the next assistant turn.
    /// </summary>
    IReadOnlyList<PromptSegment> RenderToolResultsTurn(ToolResultsMessage results);

    /// <summary>The end of an assistant turn that gave an answer (its end-of-turn marker and what follows it).</summary>
    IReadOnlyList<PromptSegment> RenderTurnEnd();

    /// <summary>A call id in this format's style for the <paramref name="ordinal"/>-th call of a run (1-based).</summary>
    string CreateCallId(int ordinal);

    /// <summary>Creates a streaming parser for one assistant turn.</summary>
    IToolCallParser CreateParser(ToolCallParserOptions? options = null);

    /// <summary>
    /// Builds the lazy grammar that constrains a call once it starts: the tool name must be one of
    /// <paramref name="tools"/> and the arguments must match that tool's schema.
    /// </summary>
    /// <param name="tools">The tools the model may call.</param>
    /// <param name="markerIsSpecialToken">Whether a marker is a single special token of the model's vocabulary.</param>
    ToolCallGrammar BuildGrammar(IReadOnlyList<ToolDefinition> tools, Func<string, bool> markerIsSpecialToken);
}
