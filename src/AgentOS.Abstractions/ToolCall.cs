using System.Text.Json;

namespace AgentOS.Abstractions;

/// <summary>A call the model made: which tool, with which arguments.</summary>
/// <param name="Id">Identifier unique within a run (the kernel assigns <c>call_N</c> when the format has none).</param>
/// <param name="Name">The tool's name as the model wrote it.</param>
/// <param name="Arguments">The arguments object as the model wrote it (not yet validated).</param>
public sealed record ToolCall(string Id, string Name, JsonElement Arguments);
