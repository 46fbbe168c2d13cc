using AgentOS.Kernel.Formats;
using static AgentOS.Kernel.Tests.Formats.ParserTestExtensions;

namespace AgentOS.Kernel.Tests.Formats;

public sealed class TrailingCallFormatsParserTests
{
    [Fact]
    public void Llama3_LeadingJsonSplitAcrossPieces_OneCall()
    {
        var events = ToolCallFormats.Llama3.CreateParser().Run(Chars("  {\"name\": \"calculator\", \"parameters\": {\"expression\": \"2^10\"}}"));

        var call = Assert.Single(events.OfType<ToolCallParsed>()).Call;
        Assert.Equal(("call_1", "calculator", "2^10"), (call.Id, call.Name, call.Arguments.GetProperty("expression").GetString()));
        Assert.Empty(events.Prose());
    }

    [Fact]
    public void Llama3_PythonTagThenJson_OneCall()
    {
        var events = ToolCallFormats.Llama3.CreateParser().Run(S("<|python_tag|>"), T("{\"name\": \"js\", \"parameters\": {\"code\": \"1\"}}"));

        Assert.Equal("js", Assert.Single(events.OfType<ToolCallParsed>()).Call.Name);
    }

    [Fact]
    public void Llama3_TwoCallsOnTwoLines_BothParsed()
    {
        var events = ToolCallFormats.Llama3.CreateParser().Run(
            T("{\"name\": \"a\", \"parameters\": {}}\n{\"name\": \"b\", \"parameters\": {}}"));

        Assert.Equal(["a", "b"], events.OfType<ToolCallParsed>().Select(e => e.Call.Name));
        Assert.Equal(["call_1", "call_2"], events.OfType<ToolCallParsed>().Select(e => e.Call.Id));
    }

    [Fact]
    public void Llama3_UnclosedJson_ClearError()
    {
        var events = ToolCallFormats.Llama3.CreateParser().Run(T("{\"name\": \"calculator\", \"parameters\": {\"expression\": \"1"));

        var failure = Assert.Single(events.OfType<ToolCallFailed>());
        Assert.Contains("not closed", failure.Message, StringComparison.Ordinal);
        Assert.Equal("calculator", failure.ToolName);
    }

    [Fact]
    public void Llama3_ProseAnswer_StreamsAsText()
    {
        var parser = ToolCallFormats.Llama3.CreateParser();

        var first = parser.Feed(T("  "));
        var second = parser.Feed(T("The answer"));
        var third = parser.Feed(T(" is 4."));
        parser.Complete();

        Assert.Empty(first);
        Assert.Equal("  The answer", second.Prose());
        Assert.Equal(" is 4.", third.Prose());
    }

    [Fact]
    public void Llama3_LiteralPythonTagText_NotACallWhenTagIsAToken()
    {
        var events = ToolCallFormats.Llama3.CreateParser().Run(T("see <|python_tag|>{\"name\": \"a\", \"parameters\": {}}"));

        Assert.Empty(events.OfType<ToolCallParsed>());
    }

    [Fact]
    public void Mistral_ArrayOfTwoCalls_BothParsedWithNineCharacterIds()
    {
        var events = ToolCallFormats.Mistral.CreateParser().Run(
            S("[TOOL_CALLS]"), T(" [{\"name\": \"a\", \"arguments\": {\"x\": 1}}, "), T("{\"name\": \"b\", \"arguments\": {}}]"));

        var calls = events.OfType<ToolCallParsed>().Select(e => e.Call).ToList();
        Assert.Equal(["a", "b"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Matches("^[A-Za-z0-9]{9}$", c.Id));
        Assert.NotEqual(calls[0].Id, calls[1].Id);
    }

    [Fact]
    public void Mistral_NameArgsForm_Parsed()
    {
        var events = ToolCallFormats.Mistral.CreateParser().Run(
            S("[TOOL_CALLS]"), T("calculator"), S("[ARGS]"), T("{\"expression\": \"3*3\"}"),
            S("[TOOL_CALLS]"), T("js[ARGS]{\"code\": \"1\"}"));

        Assert.Equal(["calculator", "js"], events.OfType<ToolCallParsed>().Select(e => e.Call.Name));
    }

    [Fact]
    public void Mistral_ProseBeforeCall_IsText()
    {
        var events = ToolCallFormats.Mistral.CreateParser().Run(T(" Let me check."), S("[TOOL_CALLS]"), T("[{\"name\": \"a\", \"arguments\": {}}]"));

        Assert.Equal(" Let me check.", events.Prose());
        Assert.Single(events.OfType<ToolCallParsed>());
    }

    [Fact]
    public void Mistral_MalformedArray_ClearError()
    {
        var events = ToolCallFormats.Mistral.CreateParser().Run(S("[TOOL_CALLS]"), T("[{\"name\": \"a\", \"arguments\": {}"));

        Assert.StartsWith("The tool calls are not valid JSON", Assert.Single(events.OfType<ToolCallFailed>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ObjectOrArray_Parsed()
    {
        var one = ToolCallFormats.Json.CreateParser().Run(T("{\"name\": \"a\", \"arguments\": {}}"));
        var two = ToolCallFormats.Json.CreateParser().Run(T("[{\"name\": \"a\", \"arguments\": {}}, {\"name\": \"b\", \"arguments\": {}}]"));

        Assert.Single(one.OfType<ToolCallParsed>());
        Assert.Equal(2, two.OfType<ToolCallParsed>().Count());
    }

    [Fact]
    public void Json_TrailingGarbage_ClearError()
    {
        var events = ToolCallFormats.Json.CreateParser().Run(T("{\"name\": \"a\", \"arguments\": {}} and then"));

        Assert.Single(events.OfType<ToolCallParsed>());
        Assert.Contains("Unexpected text", Assert.Single(events.OfType<ToolCallFailed>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_OnlyWhitespace_NoEvents()
    {
        var events = ToolCallFormats.Json.CreateParser().Run(T("   "));

        Assert.Equal("   ", events.Prose());
        Assert.Empty(events.OfType<ToolCallParsed>());
    }
}
