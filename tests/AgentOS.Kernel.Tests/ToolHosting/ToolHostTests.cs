using AgentOS.Abstractions;
using AgentOS.Kernel.Tests.Fakes;
using AgentOS.Kernel.ToolHosting;

namespace AgentOS.Kernel.Tests.ToolHosting;

public sealed class ToolHostTests
{
    private static readonly ToolDefinition Net = new("fetch", "Fetches a URL.", TestTools.Json("""{"type":"object","properties":{"url":{"type":"string"}},"required":["url"]}"""), [ToolCapabilities.Network]);

    private static (ToolHost Host, FakeTool Calculator) NewHost(Func<System.Text.Json.JsonElement, CancellationToken, Task<ToolResult>>? calculator = null)
    {
        var tool = new FakeTool(TestTools.Calculator, calculator ?? ((_, _) => Task.FromResult(ToolResult.Ok("391"))));
        return (new ToolHost(new ToolRegistry([tool])), tool);
    }

    [Fact]
    public async Task InvokeOne_UnknownTool_UnknownToolErrorNamingTheTools()
    {
        var (host, _) = NewHost();

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "weather", "{}"), ToolPolicy.Default);

        Assert.Equal(ToolErrorCode.UnknownTool, invocation.Result.Error!.Code);
        Assert.Equal("There is no tool named 'weather'. The tools you can call are: calculator.", invocation.Result.Error.Message);
    }

    [Fact]
    public async Task InvokeOne_WrongArgumentTypes_InvalidArgumentsAndToolNeverRuns()
    {
        var (host, tool) = NewHost();

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": 17}"""), ToolPolicy.Default);

        Assert.Equal(ToolErrorCode.InvalidArguments, invocation.Result.Error!.Code);
        Assert.StartsWith("Invalid arguments for 'calculator': ", invocation.Result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("expression", invocation.Result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, tool.Calls);
    }

    [Fact]
    public async Task InvokeOne_MissingAndExtraArguments_InvalidArguments()
    {
        var (host, tool) = NewHost();

        var missing = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", "{}"), ToolPolicy.Default);
        var extra = await host.InvokeOneAsync(TestTools.Call("c2", "calculator", """{"expression": "1", "x": 2}"""), ToolPolicy.Default);

        Assert.Equal(ToolErrorCode.InvalidArguments, missing.Result.Error!.Code);
        Assert.Equal(ToolErrorCode.InvalidArguments, extra.Result.Error!.Code);
        Assert.Equal(0, tool.Calls);
    }

    [Fact]
    public async Task InvokeOne_ToolThrows_InternalErrorResult()
    {
        var (host, _) = NewHost((_, _) => throw new InvalidOperationException("disk on fire"));

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), ToolPolicy.Default);

        Assert.Equal(ToolErrorCode.InternalError, invocation.Result.Error!.Code);
        Assert.Equal("The tool 'calculator' failed unexpectedly: disk on fire", invocation.Result.Error.Message);
    }

    [Fact]
    public async Task InvokeOne_ToolIgnoresItsToken_AbandonedAtTheDeadlineAsTimeout()
    {
        using var release = new ManualResetEventSlim();
        var (host, _) = NewHost((_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(10), CancellationToken.None); // blocks its thread and never looks at the token
            return Task.FromResult(ToolResult.Ok("late"));
        });
        var policy = new ToolPolicy { ToolTimeout = TimeSpan.FromMilliseconds(200) };

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), policy);
        release.Set();

        Assert.Equal(ToolErrorCode.Timeout, invocation.Result.Error!.Code);
        Assert.Equal("The tool 'calculator' did not finish within 0.2 s and was stopped.", invocation.Result.Error.Message);
    }

    [Fact]
    public async Task InvokeOne_ToolReportsCancelledAtDeadline_ReportedAsTimeout()
    {
        var (host, _) = NewHost(async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return ToolResult.Ok("never");
            }
            catch (OperationCanceledException)
            {
                return ToolResult.Fail(ToolErrorCode.Cancelled, "cancelled");
            }
        });

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), new ToolPolicy { ToolTimeout = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(ToolErrorCode.Timeout, invocation.Result.Error!.Code);
    }

    [Fact]
    public async Task InvokeOne_RunCancelled_Propagates()
    {
        var (host, _) = NewHost(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ToolResult.Ok("never");
        });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), ToolPolicy.Default, cancellation.Token));
    }

    [Fact]
    public async Task InvokeOne_NotAllowedByPolicy_NotAllowed()
    {
        var (host, tool) = NewHost();
        var policy = new ToolPolicy { AllowedTools = new HashSet<string> { "js" } };

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), policy);

        Assert.Equal(ToolErrorCode.NotAllowed, invocation.Result.Error!.Code);
        Assert.Equal(0, tool.Calls);
        Assert.Empty(host.DefinitionsFor(policy));
    }

    [Fact]
    public async Task InvokeOne_CapabilityNotGranted_NotAllowedAndNotOffered()
    {
        var fetch = FakeTool.Returning(Net, _ => "page");
        var host = new ToolHost(new ToolRegistry([fetch]));

        var refused = await host.InvokeOneAsync(TestTools.Call("c1", "fetch", """{"url": "http://x"}"""), ToolPolicy.Default);
        var granted = await host.InvokeOneAsync(TestTools.Call("c2", "fetch", """{"url": "http://x"}"""),
            new ToolPolicy { GrantedCapabilities = new HashSet<string> { ToolCapabilities.Network } });

        Assert.Equal(ToolErrorCode.NotAllowed, refused.Result.Error!.Code);
        Assert.Contains("'network'", refused.Result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(host.DefinitionsFor(ToolPolicy.Default));
        Assert.True(granted.Result.IsSuccess);
        Assert.Equal(1, fetch.Calls);
    }

    [Fact]
    public async Task InvokeOne_HugeOutput_CappedAndMarked()
    {
        var (host, _) = NewHost((_, _) => Task.FromResult(ToolResult.Ok(new string('x', 50_000))));

        var invocation = await host.InvokeOneAsync(TestTools.Call("c1", "calculator", """{"expression": "1"}"""), new ToolPolicy { MaxResultCharacters = 1000 });

        Assert.True(invocation.Truncated);
        Assert.StartsWith(new string('x', 1000) + "\n[output truncated: 1000 of 50000 characters shown]", invocation.Result.Content, StringComparison.Ordinal);
        Assert.Equal(1000 + "\n[output truncated: 1000 of 50000 characters shown]".Length, invocation.Result.Content!.Length);
    }

    [Fact]
    public async Task Invoke_SeveralCalls_RunInParallelAndReturnInCallOrder()
    {
        using var barrier = new Barrier(3);
        var (host, tool) = NewHost(async (args, token) =>
        {
            await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(5)), token);
            return ToolResult.Ok(args.GetProperty("expression").GetString()!);
        });
        var calls = Enumerable.Range(1, 3).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => TestTools.Call("c" + e, "calculator", $$"""{"expression": "{{e}}"}""")).ToList();

        var invocations = await host.InvokeAsync(calls, ToolPolicy.Default);

        Assert.Equal(["1", "2", "3"], invocations.Select(i => i.Result.Content));
        Assert.Equal(3, tool.MaxConcurrent);
    }

    [Fact]
    public async Task Invoke_MaxParallelOne_RunsOneAtATime()
    {
        var (host, tool) = NewHost(async (_, token) =>
        {
            await Task.Delay(20, token);
            return ToolResult.Ok("ok");
        });
        var calls = Enumerable.Range(0, 3).Select(i => TestTools.Call($"c{i}", "calculator", """{"expression": "1"}""")).ToList();

        await host.InvokeAsync(calls, new ToolPolicy { MaxParallelCalls = 1 });

        Assert.Equal(1, tool.MaxConcurrent);
        Assert.Equal(3, tool.Calls);
    }

    [Theory]
    [InlineData("fs.read", "fs.read:/srv/docs", true)]
    [InlineData("fs.read:/srv", "fs.read:/srv/docs", true)]
    [InlineData("fs.read:/srv", "fs.read:/srvx", false)]
    [InlineData("fs.read:/srv/docs", "fs.read", false)]
    [InlineData("fs.write", "fs.read", false)]
    [InlineData("network", "network", true)]
    public void Covers_GrantAndNeed_AsDocumented(string grant, string needed, bool expected)
    {
        Assert.Equal(expected, ToolPolicy.Covers(grant, needed));
    }

    [Fact]
    public void Registry_DuplicateOrInvalidName_Throws()
    {
        var registry = new ToolRegistry([FakeTool.Returning(TestTools.Calculator, _ => "")]);

        Assert.Throws<ArgumentException>(() => registry.Register(FakeTool.Returning(TestTools.Calculator, _ => "")));
        Assert.Throws<ArgumentException>(() => registry.Register(FakeTool.Returning(TestTools.Calculator with { Name = "Bad Name" }, _ => "")));
    }

    [Fact]
    public void Policy_InvalidLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToolPolicy { ToolTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToolPolicy { MaxParallelCalls = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToolPolicy { MaxResultCharacters = 10 }.Validate());
    }
}
