namespace AgentOS.Train.Tokenizer;

/// <summary>Which tokens of a training transcript the loss trains the model to predict.</summary>
public enum LossScope
{
    /// <summary>Only what the assistant writes (its trained turns).</summary>
    Assistant,

    /// <summary>
    /// The assistant's trained turns and the tool responses: what the tools returned, which repeats the names and
    /// values a task is about, without the user's own phrasing.
    /// </summary>
    AssistantAndToolResponses,

    /// <summary>The assistant's trained turns and the user's messages, without the tool responses.</summary>
    AssistantAndUserMessages,

    /// <summary>
    /// Everything after the system turn: the assistant's trained turns and also the user's messages and the tool
    /// responses. The system turn is the same in every transcript, so it teaches nothing; an untrained assistant turn
    /// (a deliberately wrong call) stays untrained.
    /// </summary>
    Conversation,
}
