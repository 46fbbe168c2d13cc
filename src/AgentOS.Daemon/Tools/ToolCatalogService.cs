using AgentOS.Abstractions;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Plugins;
using AgentOS.Tools;
using AgentOS.Tools.Js;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Tools;

/// <summary>
/// Fills the <see cref="ToolCatalog"/> when the daemon starts — the built-in tools, then every plugin
/// under the plugin folders — and disposes them all when it stops. Registered before the dispatcher,
/// so no task runs before its tools are there.
/// </summary>
public sealed class ToolCatalogService : IHostedService, IAsyncDisposable
{
    private readonly ToolCatalog _catalog;
    private readonly DaemonOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<ITool> _builtIns = [];
    private PluginLoader? _plugins;

    /// <summary>Creates the service.</summary>
    public ToolCatalogService(ToolCatalog catalog, IOptions<DaemonOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _builtIns.AddRange(BuiltInTools.Create(new ToolsOptions { DataDirectory = _options.ResolvedDataDirectory }));
        foreach (var tool in _builtIns)
        {
            _catalog.TryAdd(tool, "builtin");
        }

        _plugins = new PluginLoader(_catalog, _builtIns.OfType<JsTool>().FirstOrDefault(), _loggerFactory);
        await _plugins.LoadAllAsync(_options.ResolvedPluginDirectories, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_plugins is not null)
        {
            await _plugins.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var tool in _builtIns.OfType<IDisposable>())
        {
            tool.Dispose();
        }

        _builtIns.Clear();
    }
}
