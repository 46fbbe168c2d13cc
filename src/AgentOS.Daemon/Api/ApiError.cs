namespace AgentOS.Daemon.Api;

/// <summary>The body of every error response: one sentence for the user.</summary>
/// <param name="Error">What went wrong and, where possible, what to do.</param>
public sealed record ApiError(string Error);
