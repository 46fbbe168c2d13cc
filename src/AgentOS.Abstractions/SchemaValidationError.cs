namespace AgentOS.Abstractions;

/// <summary>One way a tool call's arguments break the tool's schema.</summary>
/// <param name="Path">Where: empty for the arguments object itself, else <c>name</c>, <c>outer.inner</c> or <c>items[2]</c>.</param>
/// <param name="Message">A sentence for the model that names the argument, what was expected and what it got,
/// e.g. <c>argument 'expression' must be a string, got number</c>.</param>
public sealed record SchemaValidationError(string Path, string Message);
