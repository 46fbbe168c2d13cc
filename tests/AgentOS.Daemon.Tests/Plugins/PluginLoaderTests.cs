using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Daemon.Plugins;
using AgentOS.Daemon.Tests.Support;
using AgentOS.Daemon.Tools;
using AgentOS.Kernel.ToolHosting;
using AgentOS.Testing;
using AgentOS.Tools.Js;

namespace AgentOS.Daemon.Tests.Plugins;

public sealed class PluginLoaderTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ToolCatalog _catalog = new();
    private readonly JsTool _js = new();
    private PluginLoader _loader = null!;

    public Task InitializeAsync()
    {
        _catalog.TryAdd(_js, "builtin");
        _loader = new PluginLoader(_catalog, _js);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _loader.DisposeAsync();

    public void Dispose()
    {
        _js.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task LoadAll_RepositorySamples_LoadsTheCSharpAndTheJavaScriptPlugin()
    {
        var reports = await _loader.LoadAllAsync([Repository.Plugins]);

        Assert.All(reports, r => Assert.Null(r.Error));
        Assert.Contains(reports, r => r.Name == "unit-converter" && r.Kind == PluginKind.Dotnet && r.Tools.SequenceEqual(["convert_units"]));
        Assert.Contains(reports, r => r.Name == "dates" && r.Kind == PluginKind.Javascript && r.Tools.SequenceEqual(["date_diff", "date_add"]));
        Assert.Equal("unit-converter", _catalog.Find("convert_units")!.Source);
    }

    [Theory]
    [InlineData(1, "m", "ft", "3.28084 ft")]
    [InlineData(100, "c", "f", "212 f")]
    [InlineData(2.5, "kg", "lb", "5.511557 lb")]
    [InlineData(1, "gal", "l", "3.785412 l")]
    public async Task ConvertUnits_SamplePlugin_Converts(double value, string from, string to, string expected)
    {
        await _loader.LoadAllAsync([Repository.Plugins]);

        var result = await Call("convert_units", new { value, from, to });

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(expected, result.Content);
    }

    [Fact]
    public async Task ConvertUnits_DifferentKinds_IsAClearError()
    {
        await _loader.LoadAllAsync([Repository.Plugins]);
        var result = await Call("convert_units", new { value = 1, from = "kg", to = "m" });
        Assert.Equal(ToolErrorCode.InvalidArguments, result.Error!.Code);
        Assert.Contains("Cannot convert mass", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatePlugin_RunsInTheJsSandbox()
    {
        await _loader.LoadAllAsync([Repository.Plugins]);

        var diff = await Call("date_diff", new { from = "2024-01-01", to = "2024-03-01" });
        var added = await Call("date_add", new { date = "2024-02-27", days = 3 });
        var invalid = await Call("date_add", new { date = "2023-02-30", days = 1 });

        Assert.Equal("""{"days":60}""", diff.Content);
        Assert.Equal("""{"date":"2024-03-01","weekday":"Friday"}""", added.Content);
        Assert.False(invalid.IsSuccess);
        Assert.Contains("not a real calendar date", invalid.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_GarbageAssembly_IsReportedAndOthersStillLoad()
    {
        var folder = Plugin("garbage", """{ "name": "garbage", "kind": "dotnet", "assembly": "garbage.dll" }""");
        await File.WriteAllBytesAsync(Path.Combine(folder, "garbage.dll"), [0x4D, 0x5A, 1, 2, 3, 4, 5]);
        CopyDates();

        var reports = await _loader.LoadAllAsync([_dir.Path]);

        var garbage = Assert.Single(reports, r => r.Name == "garbage");
        Assert.Contains("not a .NET assembly", garbage.Error, StringComparison.Ordinal);
        Assert.Null(Assert.Single(reports, r => r.Name == "dates").Error);
        Assert.NotNull(_catalog.Find("date_diff"));
    }

    [Fact]
    public async Task Load_ThrowingConstructor_IsReportedWithItsMessage()
    {
        var folder = Plugin("throwing", """{ "name": "throwing", "kind": "dotnet", "assembly": "ThrowingPlugin.dll" }""");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ThrowingPlugin.dll"), Path.Combine(folder, "ThrowingPlugin.dll"));

        var report = await _loader.LoadAsync(folder);

        Assert.Contains("constructor", report.Error, StringComparison.Ordinal);
        Assert.Contains("the plugin's configuration is missing", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AssemblyReferencingMoreThanAbstractions_IsRefused()
    {
        var folder = Plugin("greedy", """{ "name": "greedy", "kind": "dotnet", "assembly": "AgentOS.Daemon.Tests.dll" }""");
        File.Copy(typeof(PluginLoaderTests).Assembly.Location, Path.Combine(folder, "AgentOS.Daemon.Tests.dll"));

        var report = await _loader.LoadAsync(folder);

        Assert.Contains("may reference only AgentOS.Abstractions", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_DotnetPlugin_LivesInItsOwnCollectibleContext()
    {
        var folder = Plugin("units", """{ "name": "units", "kind": "dotnet", "assembly": "UnitConverter.dll" }""");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "UnitConverter.dll"), Path.Combine(folder, "UnitConverter.dll"));

        Assert.Null((await _loader.LoadAsync(folder)).Error);

        var tool = (PluginTool)_catalog.Find("convert_units")!.Tool;
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(tool.Inner.GetType().Assembly)!;
        Assert.True(context.IsCollectible);
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, context);
    }

    [Theory]
    [InlineData("{ not json", "not a valid manifest")]
    [InlineData("""{ "name": "x" }""", "not a valid manifest")]
    [InlineData("""{ "name": "x", "kind": "teleport" }""", "not a valid manifest")]
    [InlineData("""{ "name": "x", "kind": "dotnet" }""", "needs \"assembly\"")]
    [InlineData("""{ "name": "x", "kind": "javascript", "tools": [] }""", "needs \"tools\"")]
    [InlineData("""{ "name": "x", "kind": "javascript", "tools": [{ "name": "Bad-Name", "description": "d", "parameters": {"type":"object"}, "script": "a.js", "function": "f" }] }""", "lowercase")]
    [InlineData("""{ "name": "x", "kind": "javascript", "tools": [{ "name": "t", "description": "d", "parameters": {"type":"string"}, "script": "a.js", "function": "f" }] }""", "\"type\": \"object\"")]
    [InlineData("""{ "name": "x", "kind": "javascript", "tools": [{ "name": "t", "description": "d", "parameters": {"type":"object"}, "script": "missing.js", "function": "f" }] }""", "does not exist")]
    [InlineData("""{ "name": "x", "kind": "javascript", "tools": [{ "name": "t", "description": "d", "parameters": {"type":"object"}, "script": "../../etc/passwd", "function": "f" }] }""", "inside the plugin folder")]
    [InlineData("""{ "name": "x", "kind": "mcp" }""", "needs \"command\"")]
    [InlineData("""{ "name": "x", "kind": "dotnet", "assembly": "a.dll", "capabilities": ["Not Valid"] }""", "capability")]
    public async Task Load_InvalidManifest_IsReportedWithTheProblem(string manifest, string expected)
    {
        var folder = Plugin("broken", manifest);

        var report = await _loader.LoadAsync(folder);

        Assert.False(report.Loaded);
        Assert.Contains(expected, report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ToolNameAlreadyTaken_IsRefused()
    {
        CopyDates();
        var second = Plugin("dates-again", File.ReadAllText(Path.Combine(Repository.Plugins, "Dates", "plugin.json")).Replace("\"dates\"", "\"dates-again\"", StringComparison.Ordinal));
        File.Copy(Path.Combine(Repository.Plugins, "Dates", "dates.js"), Path.Combine(second, "dates.js"));

        var reports = await _loader.LoadAllAsync([_dir.Path]);

        Assert.Contains("already provided by dates", Assert.Single(reports, r => r.Name == "dates-again").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_PluginToolNeedingACapability_IsRefusedUnlessGranted()
    {
        var folder = Plugin("fetcher", """
            { "name": "fetcher", "kind": "javascript", "capabilities": ["network"],
              "tools": [{ "name": "fetch_page", "description": "Pretends to fetch a page.", "script": "f.js", "function": "fetchPage",
                          "parameters": { "type": "object", "properties": { "url": { "type": "string" } }, "required": ["url"] } }] }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "f.js"), "function fetchPage(args) { return 'page of ' + args.url; }");
        Assert.Null((await _loader.LoadAsync(folder)).Error);
        var host = new ToolHost(new ToolRegistry(_catalog.Tools.Select(t => t.Tool)));
        var call = new ToolCall("call_1", "fetch_page", JsonSerializer.SerializeToElement(new { url = "http://example" }));

        var denied = await host.InvokeOneAsync(call, new ToolPolicy());
        var granted = await host.InvokeOneAsync(call, new ToolPolicy { GrantedCapabilities = new HashSet<string> { "network" } });

        Assert.Equal(ToolErrorCode.NotAllowed, denied.Result.Error!.Code);
        Assert.Contains("network", denied.Result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.DefinitionsFor(new ToolPolicy()), d => d.Name == "fetch_page");
        Assert.Equal("page of http://example", granted.Result.Content);
    }

    [Fact]
    public async Task McpServer_ToolsAppearAsAgentOSTools()
    {
        var folder = McpPlugin("fixture-mcp");

        var report = await _loader.LoadAsync(folder);

        Assert.Null(report.Error);
        Assert.Equal(["exit_now", "reverse_text"], report.Tools.Order());
        var result = await Call("reverse_text", new { text = "stressed" });
        Assert.Equal("desserts", result.Content);
    }

    [Fact]
    public async Task McpServer_DiesDuringACall_TheCallFailsClearlyAndOtherToolsServe()
    {
        Assert.Null((await _loader.LoadAsync(McpPlugin("fixture-mcp"))).Error);
        await _loader.LoadAllAsync([Repository.Plugins]);

        var died = await Call("exit_now", new { });
        var afterwards = await Call("reverse_text", new { text = "abc" });

        Assert.Equal(ToolErrorCode.InternalError, died.Error!.Code);
        Assert.Contains("fixture-mcp", died.Error.Message, StringComparison.Ordinal);
        Assert.False(afterwards.IsSuccess);
        Assert.Equal("3.28084 ft", (await Call("convert_units", new { value = 1, from = "m", to = "ft" })).Content);
    }

    [Fact]
    public async Task McpServer_DiesAtStart_IsReportedAndSkipped()
    {
        var report = await _loader.LoadAsync(McpPlugin("dead-mcp", "--die-at-start"));
        Assert.False(report.Loaded);
        Assert.Contains("MCP server", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalToolName_McpNames_BecomeValidToolNames()
    {
        Assert.Equal("reverse_text", PluginLoader.LocalToolName("Reverse-Text"));
        Assert.Equal("mcp_1st", PluginLoader.LocalToolName("1st"));
        Assert.Equal("a_b_c", PluginLoader.LocalToolName("a.b/c"));
    }

    private async Task<ToolResult> Call(string tool, object arguments) =>
        await _catalog.Find(tool)!.Tool.InvokeAsync(JsonSerializer.SerializeToElement(arguments));

    private string Plugin(string name, string manifest)
    {
        var folder = _dir.Combine(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, PluginManifest.FileName), manifest);
        return folder;
    }

    private string McpPlugin(string name, params string[] extra)
    {
        var args = new List<string> { "exec", HelperProcess.AssemblyPath, "mcp-server" };
        args.AddRange(extra);
        return Plugin(name, JsonSerializer.Serialize(new { name, kind = "mcp", command = HelperProcess.DotnetHost, args }));
    }

    private void CopyDates()
    {
        var folder = Plugin("dates", File.ReadAllText(Path.Combine(Repository.Plugins, "Dates", "plugin.json")));
        File.Copy(Path.Combine(Repository.Plugins, "Dates", "dates.js"), Path.Combine(folder, "dates.js"));
    }
}
