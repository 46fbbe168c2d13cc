using AgentOS.Daemon.Client;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>A daemon in this process on a temporary socket and data folder, with a given runner.</summary>
public sealed class TestDaemon : IAsyncDisposable
{
    private TestDaemon(WebApplication app, string socket, string data, DaemonClient client)
    {
        App = app;
        SocketPath = socket;
        DataDirectory = data;
        Client = client;
    }

    public WebApplication App { get; }

    public string SocketPath { get; }

    public string DataDirectory { get; }

    public DaemonClient Client { get; }

    public static async Task<TestDaemon> StartAsync(TempDirectory dir, ITaskRunner? runner, Action<DaemonHostSettings>? configure = null)
    {
        var socket = dir.Combine("run", "d.sock");
        var data = dir.Combine("data");
        var settings = new DaemonHostSettings
        {
            // No runner: the daemon's own, the kernel on the configured model.
            ConfigureServices = runner is null ? null : services => services.AddSingleton<ITaskRunner>(runner),
        };
        settings.Overrides["Socket"] = socket;
        settings.Overrides["Data"] = data;
        settings.Overrides["Logging:LogLevel:Default"] = "Warning";
        configure?.Invoke(settings);
        var app = DaemonHost.Build(settings);
        await app.StartAsync();
        return new TestDaemon(app, socket, data, DaemonClient.ForSocket(socket));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
