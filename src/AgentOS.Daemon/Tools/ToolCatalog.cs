using AgentOS.Abstractions;
using AgentOS.Daemon.Plugins;

namespace AgentOS.Daemon.Tools;

/// <summary>
/// Every tool the daemon offers, built-in and from plugins, with where each came from, and the
/// report of every plugin found (loaded or skipped). Filled while the daemon starts; read-only after.
/// </summary>
public sealed class ToolCatalog
{
    private readonly List<CatalogTool> _tools = [];
    private readonly List<PluginReport> _plugins = [];
    private readonly object _gate = new();

    /// <summary>The tools, in the order they were added.</summary>
    public IReadOnlyList<CatalogTool> Tools
    {
        get
        {
            lock (_gate)
            {
                return _tools.ToList();
            }
        }
    }

    /// <summary>The plugins found, in the order they were loaded.</summary>
    public IReadOnlyList<PluginReport> Plugins
    {
        get
        {
            lock (_gate)
            {
                return _plugins.ToList();
            }
        }
    }

    /// <summary>Adds a tool; false (and nothing added) when a tool of that name exists already.</summary>
    public bool TryAdd(ITool tool, string source)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        lock (_gate)
        {
            if (_tools.Any(t => t.Tool.Definition.Name == tool.Definition.Name))
            {
                return false;
            }

            _tools.Add(new CatalogTool(tool, source));
            return true;
        }
    }

    /// <summary>Records what happened to a plugin.</summary>
    public void Report(PluginReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            _plugins.Add(report);
        }
    }

    /// <summary>The tool of that name, or null.</summary>
    public CatalogTool? Find(string name)
    {
        lock (_gate)
        {
            return _tools.FirstOrDefault(t => t.Tool.Definition.Name == name);
        }
    }
}
