using System.Net;
using System.Net.Http.Headers;
using AgentOS.Daemon.Client;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Tests.Support;

namespace AgentOS.Daemon.Tests.Hosting;

public sealed class DaemonHostTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Build_SocketAlreadyServed_RefusesWithAClearMessage()
    {
        await using var first = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());

        var ex = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(),
            s => s.Overrides["Data"] = _dir.Combine("other-data")));

        Assert.Contains("already listening", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_DataFolderInUse_RefusesWithAClearMessage()
    {
        await using var first = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());

        var ex = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(),
            s => s.Overrides["Socket"] = _dir.Combine("run", "other.sock")));

        Assert.Contains("Another AgentOS daemon is using the data folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_StaleSocketFile_IsReplaced()
    {
        Directory.CreateDirectory(_dir.Combine("run"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(_dir.Combine("run", "d.sock"), "left behind");

        await using var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());

        Assert.Equal("ok", (await daemon.Client.HealthAsync()).Status);
    }

    [Theory]
    [InlineData("Concurrency", "0", "Concurrency: 0 is out of range")]
    [InlineData("ContextSize", "10", "ContextSize: 10 is out of range")]
    [InlineData("Model", "/no/such/model.gguf", "does not exist")]
    [InlineData("TcpPort", "8080", "TcpToken")]
    [InlineData("Concurrency", "many", "wrong type")]
    public async Task Build_InvalidSetting_NamesItInOneError(string key, string value, string expected)
    {
        var ex = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(), s => s.Overrides[key] = value));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ModelFileIsNotGguf_IsAStartupErrorAndTheDataFolderStaysUsable()
    {
        var model = _dir.Combine("broken.gguf");
        await File.WriteAllTextAsync(model, "this is not a model");

        var ex = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, runner: null, s => s.Overrides["Model"] = model));

        Assert.Contains("Cannot load model", ex.Message, StringComparison.Ordinal);
        await using var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());
        Assert.Empty(await daemon.Client.ListAsync());
    }

    [Fact]
    public async Task Build_SocketPathTooLong_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(),
            s => s.Overrides["Socket"] = _dir.Combine(new string('s', 120) + ".sock")));
        Assert.Contains("107 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ConfigFileMissingOrBroken_IsAClearError()
    {
        var missing = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(), s => s.ConfigFile = _dir.Combine("nope.json")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(_dir.Combine("bad.json"), "{ not json");
        var broken = await Assert.ThrowsAsync<DaemonStartupException>(() => TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(), s => s.ConfigFile = _dir.Combine("bad.json")));
        Assert.Contains("not valid JSON", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ConfigFile_SettingsApplyAndCommandLineWins()
    {
        await File.WriteAllTextAsync(_dir.Combine("cfg.json"), """{ "Concurrency": 3, "MaxSteps": 5 }""");
        await using var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(), s =>
        {
            s.ConfigFile = _dir.Combine("cfg.json");
            s.Overrides["Concurrency"] = "2";
        });

        Assert.Equal(2, (await daemon.Client.HealthAsync()).Concurrency);
    }

    [Fact]
    public async Task TcpListener_WithoutToken_IsUnauthorizedAndWithTokenServes()
    {
        var port = FreePort();
        const string token = "0123456789abcdef-secret";
        await using var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner(), s =>
        {
            s.Overrides["TcpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s.Overrides["TcpToken"] = token;
        });

        using var anonymous = new HttpClient();
        var refused = await anonymous.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/health"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var wrong = new HttpClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "0123456789abcdef-wrong!");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri($"http://127.0.0.1:{port}/v1/health"))).StatusCode);

        using var client = DaemonClient.ForTcp(new Uri($"http://127.0.0.1:{port}/"), token);
        Assert.Equal("ok", (await client.HealthAsync()).Status);
        // The Unix socket needs no token.
        Assert.Equal("ok", (await daemon.Client.HealthAsync()).Status);
    }

    [Fact]
    public async Task Client_NoDaemon_ThrowsUnavailableWithTheStartHint()
    {
        using var client = DaemonClient.ForSocket(_dir.Combine("nobody.sock"));

        var ex = await Assert.ThrowsAsync<DaemonUnavailableException>(() => client.HealthAsync());

        Assert.Equal($"No AgentOS daemon is running at {_dir.Combine("nobody.sock")}. Start one with: agentos daemon", ex.Message);
    }

    [Fact]
    public async Task Stop_DaemonStopped_RemovesItsSocketAndReleasesTheDataFolder()
    {
        var daemon = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());
        var socket = daemon.SocketPath;
        await daemon.DisposeAsync();

        Assert.False(File.Exists(socket));
        await using var again = await TestDaemon.StartAsync(_dir, new ScriptedTaskRunner());
        Assert.Equal("ok", (await again.Client.HealthAsync()).Status);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
