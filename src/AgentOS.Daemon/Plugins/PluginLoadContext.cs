using System.Reflection;
using System.Runtime.Loader;

namespace AgentOS.Daemon.Plugins;

/// <summary>
/// A collectible load context for one .NET plugin: its own dependencies come from its folder, while
/// AgentOS.Abstractions always comes from the host, so <c>ITool</c> is one and the same type on both sides.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(mainAssemblyPath)}", isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);
    private readonly string _folder = Path.GetDirectoryName(mainAssemblyPath)!;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == typeof(AgentOS.Abstractions.ITool).Assembly.GetName().Name)
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null && assemblyName.Name is { } name)
        {
            var candidate = Path.Combine(_folder, name + ".dll");
            path = File.Exists(candidate) ? candidate : null;
        }

        // Null falls back to the default context: the framework and anything the host already has.
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
