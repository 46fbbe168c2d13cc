namespace AgentOS.Abstractions;

/// <summary>Why a tool call failed, in a form the kernel and the user can act on.</summary>
public enum ToolErrorCode
{
    /// <summary>The arguments did not match the tool's schema.</summary>
    InvalidArguments,

    /// <summary>No tool of that name is registered.</summary>
    UnknownTool,

    /// <summary>The task's policy does not allow this tool or a capability it needs.</summary>
    NotAllowed,

    /// <summary>The tool ran past its time limit.</summary>
    Timeout,

    /// <summary>The tool hit a resource limit (memory, statements, recursion, output size, number size).</summary>
    LimitExceeded,

    /// <summary>The tool ran and its input was wrong for it (a syntax error in an expression or script).</summary>
    ExecutionError,

    /// <summary>The call was cancelled.</summary>
    Cancelled,

    /// <summary>The tool itself failed unexpectedly (a bug or a crashed plugin).</summary>
    InternalError,
}
