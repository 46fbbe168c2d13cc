using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using AgentOS.Abstractions;

namespace AgentOS.Kernel.ToolHosting;

/// <summary>The tools a kernel knows, by name. Thread-safe for reading once filled.</summary>
public sealed partial class ToolRegistry
{
    private readonly Dictionary<string, ITool> _tools = new(StringComparer.Ordinal);
    private readonly List<ITool> _ordered = [];

    /// <summary>Creates an empty registry.</summary>
    public ToolRegistry()
    {
    }

    /// <summary>Creates a registry holding <paramref name="tools"/>.</summary>
    /// <exception cref="ArgumentException">Two tools share a name, or a name is not valid.</exception>
    public ToolRegistry(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            Register(tool);
        }
    }

    /// <summary>The registered tools, in registration order.</summary>
    public IReadOnlyList<ITool> Tools => _ordered;

    /// <summary>Adds a tool.</summary>
    /// <exception cref="ArgumentException">A tool of that name is registered already, or the name is not lowercase letters, digits and underscores.</exception>
    public void Register(ITool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var name = tool.Definition.Name;
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"Tool name '{name}' is not valid: use lowercase letters, digits and underscores, starting with a letter.", nameof(tool));
        }

        if (!_tools.TryAdd(name, tool))
        {
            throw new ArgumentException($"A tool named '{name}' is registered already.", nameof(tool));
        }

        _ordered.Add(tool);
    }

    /// <summary>Finds a tool by its exact name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out ITool? tool) => _tools.TryGetValue(name, out tool);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex ValidName();
}
