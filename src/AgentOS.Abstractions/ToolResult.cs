using System.Diagnostics.CodeAnalysis;

namespace AgentOS.Abstractions;

/// <summary>
/// The outcome of one tool call: content the model reads, or an error with a code and a message
/// written for the model (it should be able to correct its call from the message alone).
/// </summary>
public sealed record ToolResult
{
    private ToolResult(string? content, ToolError? error)
    {
        Content = content;
        Error = error;
    }

    /// <summary>The result text (often JSON) when the call succeeded; otherwise null.</summary>
    public string? Content { get; }

    /// <summary>The error when the call failed; otherwise null.</summary>
    public ToolError? Error { get; }

    /// <summary>True when the call succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Content))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>A successful result.</summary>
    public static ToolResult Ok(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new ToolResult(content, null);
    }

    /// <summary>A failed result.</summary>
    public static ToolResult Fail(ToolErrorCode code, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new ToolResult(null, new ToolError(code, message));
    }

    /// <summary>The text the model sees: the content, or <c>error: MESSAGE</c>.</summary>
    public override string ToString() => IsSuccess ? Content : $"error: {Error.Message}";
}

/// <summary>A tool failure: what kind, and a message for the model.</summary>
/// <param name="Code">The kind of failure.</param>
/// <param name="Message">One clear sentence, naming what was wrong and where.</param>
public sealed record ToolError(ToolErrorCode Code, string Message);
