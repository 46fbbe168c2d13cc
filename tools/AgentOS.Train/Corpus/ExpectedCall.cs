using System.Text.Json;

namespace AgentOS.Train.Corpus;

/// <summary>A call the model is expected to make: the tool's name and the exact arguments of the reference transcript.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">The arguments object.</param>
public sealed record ExpectedCall(string Name, JsonElement Arguments);
