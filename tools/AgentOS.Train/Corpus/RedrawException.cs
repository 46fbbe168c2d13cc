namespace AgentOS.Train.Corpus;

/// <summary>Thrown by a task family when the values it drew make a poor example; the generator draws again.</summary>
internal sealed class RedrawException(string reason) : Exception(reason);
