namespace AgentOS.Train.Tokenizer;

/// <summary>Which tokens of a training transcript the loss trains the model to predict.</summary>
public enum LossScope
{
    /// <summary>Only what the assistant writes (its trained turns).</summary>
    Assistant,

    /// <summary>
    /// Everything after the system turn: the assistant's trained turns and also the user's messages and the tool
    /// responses. The system turn is the same in every transcript, so it teaches nothing; an untrained assistant turn
    /// (a deliberately wrong call) stays untrained.
    /// </summary>
    Conversation,
}
