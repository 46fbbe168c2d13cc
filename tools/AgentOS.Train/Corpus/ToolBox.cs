using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Train.Corpus;

/// <summary>
/// The real tools the corpus runs its calls through, by name. Every tool result in a transcript comes from here,
/// never from a template, so training teaches the model the results it will really read at run time.
/// </summary>
public sealed class ToolBox
{
    private readonly Dictionary<string, ITool> _tools;

    /// <summary>Creates a toolbox; the order of <paramref name="tools"/> is the order of the schemas in the system turn.</summary>
    public ToolBox(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var list = tools.ToList();
        _tools = new Dictionary<string, ITool>(StringComparer.Ordinal);
        foreach (var tool in list)
        {
            if (!_tools.TryAdd(tool.Definition.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Definition.Name}'.", nameof(tools));
            }
        }

        Definitions = [.. list.Select(t => t.Definition)];
    }

    /// <summary>The tools' definitions, in the order they are offered to the model.</summary>
    public IReadOnlyList<ToolDefinition> Definitions { get; }

    /// <summary>Runs <paramref name="name"/> with <paramref name="arguments"/> and returns what the tool returned.</summary>
    /// <exception cref="KeyNotFoundException">No tool has that name (a bug in a task family).</exception>
    public async Task<ToolResult> CallAsync(string name, JsonElement arguments, CancellationToken cancellationToken = default)
    {
        if (!_tools.TryGetValue(name, out var tool))
        {
            throw new KeyNotFoundException($"The corpus calls a tool '{name}' that the toolbox does not have (it has {string.Join(", ", _tools.Keys)}).");
        }

        return await tool.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
    }
}
