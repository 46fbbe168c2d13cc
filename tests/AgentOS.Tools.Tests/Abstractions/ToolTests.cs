using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Tools.Tests.Abstractions;

public sealed class ToolTests
{
    public sealed record EchoArguments(string Text, int Times = 1);

    private sealed class EchoTool(Func<EchoArguments, CancellationToken, Task<ToolResult>> body)
        : Tool<EchoArguments>("echo", "Repeats text.")
    {
        protected override Task<ToolResult> InvokeAsync(EchoArguments arguments, CancellationToken cancellationToken) =>
            body(arguments, cancellationToken);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task InvokeAsync_ValidArguments_PassesTypedRecord()
    {
        var tool = new EchoTool((a, _) => Task.FromResult(ToolResult.Ok(string.Concat(Enumerable.Repeat(a.Text, a.Times)))));
        var result = await tool.InvokeAsync(Json("""{"text": "ab", "times": 3}"""));
        Assert.Equal("ababab", result.Content);
    }

    [Fact]
    public async Task InvokeAsync_InvalidArguments_NeverReachesTool()
    {
        var reached = false;
        var tool = new EchoTool((_, _) =>
        {
            reached = true;
            return Task.FromResult(ToolResult.Ok("x"));
        });
        var result = await tool.InvokeAsync(Json("""{"text": 5}"""));
        Assert.False(reached);
        Assert.Equal(ToolErrorCode.InvalidArguments, result.Error!.Code);
        Assert.Equal("argument 'text' must be a string, got number", result.Error.Message);
    }

    [Fact]
    public async Task InvokeAsync_ToolThrows_BecomesInternalError()
    {
        var tool = new EchoTool((_, _) => throw new InvalidOperationException("disk on fire"));
        var result = await tool.InvokeAsync(Json("""{"text": "a"}"""));
        Assert.Equal(ToolErrorCode.InternalError, result.Error!.Code);
        Assert.Equal("the echo tool failed unexpectedly: InvalidOperationException: disk on fire", result.Error.Message);
    }

    [Fact]
    public async Task InvokeAsync_ToolThrowsAsynchronously_BecomesInternalError()
    {
        var tool = new EchoTool(async (_, _) =>
        {
            await Task.Yield();
            throw new FormatException("bad");
        });
        var result = await tool.InvokeAsync(Json("""{"text": "a"}"""));
        Assert.Equal(ToolErrorCode.InternalError, result.Error!.Code);
    }

    [Fact]
    public async Task InvokeAsync_ToolException_KeepsItsCode()
    {
        var tool = new EchoTool((_, _) => throw new ToolException(ToolErrorCode.LimitExceeded, "too much"));
        var result = await tool.InvokeAsync(Json("""{"text": "a"}"""));
        Assert.Equal(new ToolError(ToolErrorCode.LimitExceeded, "too much"), result.Error);
    }

    [Fact]
    public async Task InvokeAsync_Cancelled_BecomesCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var tool = new EchoTool(async (_, token) =>
        {
            await cancellation.CancelAsync();
            token.ThrowIfCancellationRequested();
            return ToolResult.Ok("x");
        });
        var result = await tool.InvokeAsync(Json("""{"text": "a"}"""), cancellation.Token);
        Assert.Equal(ToolErrorCode.Cancelled, result.Error!.Code);
    }

    [Fact]
    public void Constructor_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BadNameTool());
    }

    [Fact]
    public void Definition_CarriesDerivedSchema()
    {
        var tool = new EchoTool((_, _) => Task.FromResult(ToolResult.Ok("")));
        Assert.Equal("echo", tool.Definition.Name);
        Assert.Equal(["text"], tool.Definition.ParametersSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    private sealed class BadNameTool() : Tool<EchoArguments>("Bad-Name", "x")
    {
        protected override Task<ToolResult> InvokeAsync(EchoArguments arguments, CancellationToken cancellationToken) =>
            Task.FromResult(ToolResult.Ok(""));
    }
}
