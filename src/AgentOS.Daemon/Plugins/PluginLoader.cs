using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentOS.Abstractions;
using AgentOS.Daemon.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace AgentOS.Daemon.Plugins;

/// <summary>
/// Finds plugins (each subfolder of a plugin folder with a <c>plugin.json</c>), loads them by kind and
/// adds their tools to the <see cref="ToolCatalog"/>. A plugin that cannot load — bad manifest, bad
/// assembly, throwing constructor, MCP server that will not start, a tool name already taken — is
/// reported with the reason and skipped; the others load. Dispose to unload everything.
/// </summary>
public sealed partial class PluginLoader : IAsyncDisposable
{
    /// <summary>How long an MCP server gets to start and list its tools.</summary>
    public static readonly TimeSpan McpStartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Longest JavaScript tool script, in characters (the js tool takes scripts up to 20 000).</summary>
    public const int MaxScriptLength = 16_000;

    private readonly ToolCatalog _catalog;
    private readonly ITool? _js;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly List<PluginLoadContext> _contexts = [];
    private readonly List<McpClient> _mcpClients = [];
    private readonly List<ITool> _tools = [];

    /// <summary>Creates a loader that adds tools to <paramref name="catalog"/>.</summary>
    /// <param name="catalog">Where tools go and reports are recorded.</param>
    /// <param name="js">The <c>js</c> tool JavaScript plugins run on; null refuses JavaScript plugins.</param>
    /// <param name="loggerFactory">Logging (the MCP client logs through it too).</param>
    public PluginLoader(ToolCatalog catalog, ITool? js, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _js = js;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<PluginLoader>();
    }

    /// <summary>Loads every plugin under <paramref name="folders"/> (missing folders are skipped) and returns their reports.</summary>
    public async Task<IReadOnlyList<PluginReport>> LoadAllAsync(IEnumerable<string> folders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var reports = new List<PluginReport>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var pluginFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                if (!File.Exists(Path.Combine(pluginFolder, PluginManifest.FileName)))
                {
                    continue; // Not a plugin (a build folder, notes): nothing to report.
                }

                reports.Add(await LoadAsync(pluginFolder, cancellationToken).ConfigureAwait(false));
            }
        }

        return reports;
    }

    /// <summary>Loads the plugin in <paramref name="pluginFolder"/> and records the outcome in the catalog.</summary>
    public async Task<PluginReport> LoadAsync(string pluginFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginFolder);
        var folder = Path.GetFullPath(pluginFolder);
        PluginManifest? manifest = null;
        PluginReport report;
        try
        {
            manifest = PluginManifest.Load(folder);
            var tools = manifest.Kind switch
            {
                PluginKind.Dotnet => LoadDotnet(manifest, folder),
                PluginKind.Javascript => LoadJavascript(manifest, folder),
                PluginKind.Mcp => await LoadMcpAsync(manifest, folder, cancellationToken).ConfigureAwait(false),
                _ => throw new PluginException($"Unknown plugin kind '{manifest.Kind}'."),
            };
            var wrapped = tools.Select(t => new PluginTool(t, manifest.Name, manifest.Capabilities)).ToList();
            Register(manifest.Name, wrapped);
            report = new PluginReport(manifest.Name, manifest.Kind, folder, null,
                wrapped.Select(t => t.Definition.Name).ToList(), wrapped.SelectMany(t => t.Definition.Capabilities).Distinct().ToList());
            LogLoaded(_logger, manifest.Name, report.Tools.Count);
        }
        catch (PluginException ex)
        {
            report = Failed(manifest, folder, ex.Message);
        }
#pragma warning disable CA1031 // A broken plugin is reported and skipped; the daemon keeps serving.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            report = Failed(manifest, folder, $"{ex.GetType().Name}: {ex.Message}");
        }

        _catalog.Report(report);
        return report;
    }

    /// <summary>Stops MCP servers, disposes plugin tools and unloads plugin assemblies.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var tool in _tools)
        {
            switch (tool)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        foreach (var client in _mcpClients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var context in _contexts)
        {
            context.Unload();
        }

        _tools.Clear();
        _mcpClients.Clear();
        _contexts.Clear();
    }

    private PluginReport Failed(PluginManifest? manifest, string folder, string error)
    {
        var name = manifest?.Name ?? Path.GetFileName(folder);
        LogSkipped(_logger, name, error);
        return new PluginReport(name, manifest?.Kind, folder, error, [], manifest?.Capabilities ?? []);
    }

    private void Register(string plugin, List<PluginTool> tools)
    {
        foreach (var tool in tools)
        {
            var name = tool.Definition.Name;
            if (!PluginManifest.ToolNamePattern().IsMatch(name))
            {
                throw new PluginException($"Tool name '{name}' is not valid: use lowercase letters, digits and underscores, starting with a letter.");
            }

            if (_catalog.Find(name) is { } existing)
            {
                throw new PluginException($"Tool '{name}' is already provided by {existing.Source}; rename one of them.");
            }
        }

        if (tools.Select(t => t.Definition.Name).Distinct(StringComparer.Ordinal).Count() != tools.Count)
        {
            throw new PluginException("Two of its tools have the same name.");
        }

        foreach (var tool in tools)
        {
            _catalog.TryAdd(tool, plugin);
            _tools.Add(tool.Inner);
        }
    }

    private List<ITool> LoadDotnet(PluginManifest manifest, string folder)
    {
        var path = Path.GetFullPath(Path.Combine(folder, manifest.Assembly!));
        if (!File.Exists(path))
        {
            throw new PluginException($"The assembly {path} does not exist (was the plugin built?).");
        }

        var context = new PluginLoadContext(path);
        try
        {
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(path);
            }
            catch (BadImageFormatException ex)
            {
                throw new PluginException($"{path} is not a .NET assembly: {ex.Message}", ex);
            }

            var forbidden = assembly.GetReferencedAssemblies()
                .Where(r => r.Name is { } n && n.StartsWith("AgentOS.", StringComparison.Ordinal) && n != "AgentOS.Abstractions")
                .Select(r => r.Name)
                .ToList();
            if (forbidden.Count > 0)
            {
                throw new PluginException($"{Path.GetFileName(path)} references {string.Join(", ", forbidden)}; a plugin may reference only AgentOS.Abstractions.");
            }

            Type[] types;
            try
            {
                types = assembly.GetExportedTypes();
            }
            catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
            {
                throw new PluginException($"The types of {Path.GetFileName(path)} cannot be loaded (a missing dependency?): {ex.Message}", ex);
            }

            var toolTypes = types
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITool).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
            if (toolTypes.Count == 0)
            {
                throw new PluginException($"{Path.GetFileName(path)} has no public ITool class with a public parameterless constructor.");
            }

            var tools = new List<ITool>();
            foreach (var type in toolTypes)
            {
                try
                {
                    tools.Add((ITool)Activator.CreateInstance(type)!);
                }
                catch (TargetInvocationException ex)
                {
                    throw new PluginException($"The constructor of {type.FullName} threw: {ex.InnerException?.Message ?? ex.Message}", ex);
                }

                _ = tools[^1].Definition ?? throw new PluginException($"{type.FullName} has no definition.");
            }

            _contexts.Add(context);
            return tools;
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    private List<ITool> LoadJavascript(PluginManifest manifest, string folder)
    {
        if (_js is null)
        {
            throw new PluginException("JavaScript plugins need the js tool, which this daemon does not have.");
        }

        var tools = new List<ITool>();
        foreach (var tool in manifest.Tools)
        {
            var scriptPath = Path.GetFullPath(Path.Combine(folder, tool.Script));
            if (!scriptPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new PluginException($"Tool '{tool.Name}': the script must be inside the plugin folder.");
            }

            if (!File.Exists(scriptPath))
            {
                throw new PluginException($"Tool '{tool.Name}': the script {scriptPath} does not exist.");
            }

            var script = File.ReadAllText(scriptPath);
            if (script.Length > MaxScriptLength)
            {
                throw new PluginException($"Tool '{tool.Name}': the script has {script.Length} characters; the limit is {MaxScriptLength}.");
            }

            var definition = new ToolDefinition(tool.Name, tool.Description, tool.Parameters.Clone(), tool.Capabilities.ToList());
            tools.Add(new JsPluginTool(definition, script, tool.Function, _js));
        }

        return tools;
    }

    private async Task<List<ITool>> LoadMcpAsync(PluginManifest manifest, string folder, CancellationToken cancellationToken)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = manifest.Name,
            Command = manifest.Command!,
            Arguments = manifest.Args.ToList(),
            WorkingDirectory = folder,
            EnvironmentVariables = manifest.Env.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
        });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(McpStartTimeout);
        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(transport, loggerFactory: _loggerFactory, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PluginException($"The MCP server '{manifest.Command}' did not start within {McpStartTimeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PluginException($"The MCP server '{manifest.Command}' could not be started: {ex.Message}", ex);
        }

        try
        {
            var remote = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var tools = new List<ITool>();
            foreach (var tool in remote)
            {
                var name = LocalToolName(tool.Name);
                var schema = tool.JsonSchema.ValueKind == JsonValueKind.Object
                    ? tool.JsonSchema.Clone()
                    : JsonSerializer.SerializeToElement(new { type = "object" });
                var description = string.IsNullOrWhiteSpace(tool.Description) ? $"The MCP tool {tool.Name} of {manifest.Name}." : tool.Description;
                tools.Add(new McpPluginTool(client, manifest.Name, tool.Name, new ToolDefinition(name, description, schema, [])));
            }

            if (tools.Count == 0)
            {
                throw new PluginException($"The MCP server '{manifest.Command}' offers no tools.");
            }

            _mcpClients.Add(client);
            return tools;
        }
        catch (Exception ex)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            if (ex is PluginException)
            {
                throw;
            }

            throw new PluginException($"The MCP server '{manifest.Command}' failed while listing its tools: {ex.Message}", ex);
        }
    }

    /// <summary>MCP tool names may hold capitals, dashes or dots; AgentOS tool names are lowercase with underscores.</summary>
    internal static string LocalToolName(string remote)
    {
        var name = NotToolNameCharacters().Replace(remote.ToLowerInvariant(), "_");
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0]))
        {
            name = "mcp_" + name;
        }

        return name.Length > 64 ? name[..64] : name;
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotToolNameCharacters();

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} loaded with {Tools} tool(s)")]
    private static partial void LogLoaded(ILogger logger, string plugin, int tools);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {Plugin} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string plugin, string reason);
}
