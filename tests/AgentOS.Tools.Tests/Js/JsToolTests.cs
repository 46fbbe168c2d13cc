using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.Js;

namespace AgentOS.Tools.Tests.Js;

/// <summary>The js tool against real worker processes: hostile scripts first, then what scripts can do.</summary>
public sealed class JsToolTests(JsToolFixture fixture) : IClassFixture<JsToolFixture>
{
    private static JsonElement Code(string code) => JsonSerializer.SerializeToElement(new { code });

    private Task<ToolResult> Run(string code) => fixture.Tool.InvokeAsync(Code(code));

    private async Task<ToolError> Error(string code)
    {
        var result = await Run(code);
        Assert.False(result.IsSuccess, $"expected an error, got {result.Content}");
        return result.Error;
    }

    private async Task<JsonElement> Success(string code)
    {
        var result = await Run(code);
        Assert.True(result.IsSuccess, result.ToString());
        return JsonDocument.Parse(result.Content).RootElement.Clone();
    }

    // ---- Hostile scripts: each ends in a clear error, and the tool keeps working afterwards ----

    [Fact]
    public async Task Invoke_InfiniteLoop_StopsAtStatementLimit()
    {
        var error = await Error("while (true) {}");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("the script executed more than its limit of 1000000 statements (an endless loop?)", error.Message);
        Assert.Equal(2, (await Success("1 + 1")).GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task Invoke_HugeAllocation_StopsAtMemoryLimit()
    {
        var error = await Error("const a = []; while (true) a.push('x'.repeat(1e6));");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("the script allocated more than its memory limit of 64 MB", error.Message);
    }

    [Fact]
    public async Task Invoke_HugeString_IsARangeError()
    {
        var error = await Error("'abc'.repeat(2e8).length");
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.StartsWith("RangeError: Invalid string length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DeepRecursion_StopsAtRecursionLimit()
    {
        var error = await Error("function f(n) { return f(n + 1) + 1; } f(0)");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
        Assert.Equal("the script nested calls deeper than its limit of 500 (endless recursion?)", error.Message);
    }

    [Fact]
    public async Task Invoke_CatastrophicRegex_StopsAtRegexTimeout()
    {
        var error = await Error("/^(a+)+$/.test('a'.repeat(40) + '!')");
        Assert.Equal(ToolErrorCode.Timeout, error.Code);
        Assert.Equal("a regular expression ran longer than its limit of 1000 ms (catastrophic backtracking?)", error.Message);
    }

    [Fact]
    public async Task Invoke_JoinOfMaximalArray_StopsWithLimit()
    {
        var error = await Error("new Array(2147483647).join('*')");
        Assert.Equal(ToolErrorCode.LimitExceeded, error.Code);
    }

    [Fact]
    public async Task Invoke_HugeConsoleOutput_IsCappedAndFlagged()
    {
        var result = await Success("for (let i = 0; i < 10000; i++) console.log('line ' + i + ' ' + 'x'.repeat(100)); 'done'");
        Assert.Equal("done", result.GetProperty("result").GetString());
        Assert.Equal(4000, result.GetProperty("console").GetString()!.Length);
        Assert.True(result.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Invoke_HugeResult_IsCappedAndFlagged()
    {
        var result = await Success("'y'.repeat(1000000)");
        Assert.Equal(4000, result.GetProperty("result").GetString()!.Length);
        Assert.True(result.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "ReferenceError: System is not defined")]
    [InlineData("importNamespace('System.IO')", "ReferenceError: importNamespace is not defined")]
    [InlineData("require('fs')", "ReferenceError: require is not defined")]
    [InlineData("process.exit(1)", "ReferenceError: process is not defined")]
    [InlineData("console.log.constructor('return 1')()", "TypeError: String compilation has been disabled in engine options")]
    public async Task Invoke_HostAccess_IsNotThere(string code, string messageStart)
    {
        var error = await Error(code);
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("(0, eval)('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("Function('return 1')()")]
    [InlineData("(function () {}).constructor('return this')()")]
    [InlineData("Object.getPrototypeOf(async function () {}).constructor('return 1')")]
    public async Task Invoke_StringCompilation_IsDisabled(string code)
    {
        var error = await Error(code);
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.Contains("String compilation has been disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_StaticImport_IsASyntaxError()
    {
        var error = await Error("import fs from 'fs';\nfs.readFileSync('/etc/passwd')");
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.StartsWith("SyntaxError: Cannot use import statement outside a module (line 1, column 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DynamicImport_IsRefused()
    {
        var error = await Error("import('fs')");
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
    }

    [Fact]
    public async Task Invoke_StrictMode_RefusesUndeclaredAssignment()
    {
        var error = await Error("undeclared = 5");
        Assert.StartsWith("ReferenceError: undeclared is not defined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SyntaxError_NamesLineAndColumn()
    {
        var error = await Error("let x = 1;\nx y");
        Assert.Equal(ToolErrorCode.ExecutionError, error.Code);
        Assert.Equal("SyntaxError: Unexpected identifier 'y' (line 2, column 3)", error.Message);
    }

    [Fact]
    public async Task Invoke_RuntimeError_NamesTypeAndKeepsConsole()
    {
        var error = await Error("console.log('before');\nnull.x");
        Assert.StartsWith("TypeError: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 2, column", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; console output before the error: before", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ThrownValue_IsReported()
    {
        Assert.Equal("uncaught 5 (line 1, column 7)", (await Error("throw 5")).Message);
    }

    [Fact]
    public async Task Invoke_CyclicResult_ExplainsJson()
    {
        var error = await Error("const a = {}; a.self = a; a");
        Assert.StartsWith("the script's last value cannot be written as JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_EmptyCode_IsInvalidArguments()
    {
        var result = await fixture.Tool.InvokeAsync(Code(""));
        Assert.Equal(ToolErrorCode.InvalidArguments, result.Error!.Code);
        Assert.Equal("argument 'code' must not be empty", result.Error.Message);
    }

    [Fact]
    public async Task Invoke_CodeTooLong_IsInvalidArguments()
    {
        var result = await fixture.Tool.InvokeAsync(Code(new string(' ', JsArguments.MaxCodeLength + 1)));
        Assert.Equal("argument 'code' must be at most 20000 characters long, got 20001", result.Error!.Message);
    }

    [Fact]
    public async Task Invoke_Cancelled_ReportsCancelled()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await fixture.Tool.InvokeAsync(Code("let i = 0; while (true) { i++ }"), cancellation.Token);
        Assert.Equal(ToolErrorCode.Cancelled, result.Error!.Code);
    }

    // ---- What scripts can do ----

    [Fact]
    public async Task Invoke_Expression_ReturnsValueAsJson()
    {
        var result = await Run("17 * 23");
        Assert.Equal("""{"result":391}""", result.Content);
    }

    [Fact]
    public async Task Invoke_ConsoleAndStructuredResult_ReturnsBoth()
    {
        var result = await Run("console.log('sum is', 1 + 2, {a: [1]}); [1, 'a', {b: null}]");
        Assert.Equal("""{"result":[1,"a",{"b":null}],"console":"sum is 3 {\"a\":[1]}\n"}""", result.Content);
    }

    [Theory]
    [InlineData("undefined", "null")]
    [InlineData("let x = 5;", "null")]
    [InlineData("(() => 1)", "null")]
    [InlineData("'<tool_call>'", "\"<tool_call>\"")]
    [InlineData("2n ** 70n", "\"1180591620717411303424\"")]
    [InlineData("[...'héllo'].reverse().join('')", "\"olléh\"")]
    [InlineData("new Date(0).toISOString()", "\"1970-01-01T00:00:00.000Z\"")]
    [InlineData("Array.from({length: 5}, (_, i) => i * i)", "[0,1,4,9,16]")]
    [InlineData("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); } fib(20)", "6765")]
    public async Task Invoke_Values_AreJson(string code, string expectedResult)
    {
        var result = await Run(code);
        Assert.Equal($$"""{"result":{{expectedResult}}}""", result.Content);
    }

    [Fact]
    public async Task Invoke_Sequential_NoStateLeaksBetweenCalls()
    {
        // One worker only, so the second script runs in the same process as the first.
        using var tool = new JsTool(new JsToolOptions { PoolSize = 1, MaxConcurrentScripts = 1 });
        await tool.InvokeAsync(Code("globalThis.leak = 42; var alsoLeak = 1; Object.prototype.polluted = true; Math.max = () => 0; 0"));
        var result = await tool.InvokeAsync(Code("[typeof leak, typeof alsoLeak, ({}).polluted === undefined, Math.max(1, 2)]"));
        Assert.Equal("""{"result":["undefined","undefined",true,2]}""", result.Content);
    }

    [Fact]
    public async Task Invoke_Parallel_AllSucceed()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Run($"{i} * 10")));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $$"""{"result":{{i * 10}}}"""), results.Select(r => r.Content));
    }
}
