namespace AgentOS.Kernel.Conversations;

/// <summary>The results of all calls of the preceding assistant turn, in call order.</summary>
/// <param name="Responses">One response per call.</param>
public sealed record ToolResultsMessage(IReadOnlyList<ToolResponse> Responses) : ConversationMessage
{
    /// <summary>Creates a message from responses.</summary>
    public static ToolResultsMessage Of(params ToolResponse[] responses) => new(responses);
}
