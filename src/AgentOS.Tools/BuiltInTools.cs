using AgentOS.Abstractions;
using AgentOS.Tools.Calculator;
using AgentOS.Tools.Js;
using AgentOS.Tools.Retrieval;

namespace AgentOS.Tools;

/// <summary>The tools AgentOS ships: <c>calculator</c>, <c>js</c> and <c>retrieval</c>.</summary>
public static class BuiltInTools
{
    /// <summary>The built-in tools' names, in the order <see cref="Create"/> returns them.</summary>
    public static IReadOnlyList<string> Names { get; } = [CalculatorTool.ToolName, JsTool.ToolName, RetrievalTool.ToolName];

    /// <summary>
    /// Creates the three tools. The js tool owns worker processes: dispose it (every returned tool that is
    /// <see cref="IDisposable"/>) when done. No worker starts before the first js call.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public static IReadOnlyList<ITool> Create(ToolsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return
        [
            new CalculatorTool(options.Calculator),
            new JsTool(options.Js),
            new RetrievalTool(options.IndexDatabasePath, options.Retrieval),
        ];
    }
}
