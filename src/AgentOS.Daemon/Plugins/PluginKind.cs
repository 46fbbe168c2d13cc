namespace AgentOS.Daemon.Plugins;

/// <summary>How a plugin provides its tools.</summary>
public enum PluginKind
{
    /// <summary>A .NET assembly referencing only AgentOS.Abstractions, loaded in its own AssemblyLoadContext.</summary>
    Dotnet,

    /// <summary>JavaScript tools (manifest plus script) run in the <c>js</c> tool's sandbox.</summary>
    Javascript,

    /// <summary>An MCP server started over stdio; its tools become AgentOS tools.</summary>
    Mcp,
}
