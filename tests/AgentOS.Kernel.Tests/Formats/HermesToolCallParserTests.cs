using AgentOS.Kernel.Formats;
using static AgentOS.Kernel.Tests.Formats.ParserTestExtensions;

namespace AgentOS.Kernel.Tests.Formats;

public sealed class HermesToolCallParserTests
{
    private static IToolCallParser NewParser() => ToolCallFormats.Hermes.CreateParser();

    private static IToolCallParser NewTextParser() =>
        ToolCallFormats.Hermes.CreateParser(new ToolCallParserOptions { MarkerIsSpecialToken = _ => false });

    [Fact]
    public void Feed_CallSplitAcrossManyPieces_OneCallWhenClosed()
    {
        var parser = NewParser();
        var events = new List<ParseEvent>();
        events.AddRange(parser.Feed(S("<tool_call>")));
        foreach (var piece in Chars("\n{\"name\": \"calculator\", \"arguments\": {\"expression\": \"17*23\"}}\n"))
        {
            Assert.Empty(parser.Feed(piece));
        }

        events.AddRange(parser.Feed(S("</tool_call>")));

        var call = Assert.IsType<ToolCallParsed>(Assert.Single(events)).Call;
        Assert.Equal(("call_1", "calculator", "17*23"), (call.Id, call.Name, call.Arguments.GetProperty("expression").GetString()));
        Assert.Empty(parser.Complete());
    }

    [Fact]
    public void Feed_ThinkingProseAndTwoCalls_AllRecognisedInOrder()
    {
        var events = NewParser().Run(
            S("<think>"), T("\nneed two sums\n"), S("</think>"), T("\n\nComputing."),
            T("\n"), S("<tool_call>"), T("{\"name\": \"a\", \"arguments\": {}}"), S("</tool_call>"),
            T("\n"), S("<tool_call>"), T("{\"name\": \"b\", \"arguments\": {\"x\": 1}}"), S("</tool_call>"));

        Assert.Equal("\nneed two sums\n", events.Thought());
        Assert.Equal("\n\nComputing.\n\n", events.Prose());
        var calls = events.OfType<ToolCallParsed>().Select(e => (e.Call.Id, e.Call.Name)).ToList();
        Assert.Equal([("call_1", "a"), ("call_2", "b")], calls);
    }

    [Fact]
    public void Complete_UnclosedCall_ClearError()
    {
        var events = NewParser().Run(S("<tool_call>"), T("{\"name\": \"calculator\", \"argum"));

        var failure = Assert.IsType<ToolCallFailed>(Assert.Single(events));
        Assert.Contains("not closed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("</tool_call>", failure.Message, StringComparison.Ordinal);
        Assert.Equal("calculator", failure.ToolName);
    }

    [Fact]
    public void Feed_MalformedJson_ClearErrorForTheModel()
    {
        var events = NewParser().Run(S("<tool_call>"), T("{\"name\": \"calculator\", \"arguments\": {\"expression\": 17*23}}"), S("</tool_call>"));

        var failure = Assert.IsType<ToolCallFailed>(Assert.Single(events));
        Assert.StartsWith("The tool call is not valid JSON (", failure.Message, StringComparison.Ordinal);
        Assert.Contains("position", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"arguments\"", failure.Message, StringComparison.Ordinal);
        Assert.Equal("calculator", failure.ToolName);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"arguments\": {}}", "no \"name\"")]
    [InlineData("{\"name\": \"x\", \"arguments\": [1]}", "must be a JSON object, not an array")]
    [InlineData("{\"name\": \"x\", \"arguments\": \"not json\"}", "must be a JSON object")]
    public void Feed_WrongCallShape_ClearError(string body, string expected)
    {
        var events = NewParser().Run(S("<tool_call>"), T(body), S("</tool_call>"));

        Assert.Contains(expected, Assert.IsType<ToolCallFailed>(Assert.Single(events)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_ArgumentsAsJsonString_ReadAsObject()
    {
        var events = NewParser().Run(S("<tool_call>"), T("{\"name\": \"x\", \"arguments\": \"{\\\"a\\\": 1}\"}"), S("</tool_call>"));

        Assert.Equal(1, Assert.IsType<ToolCallParsed>(Assert.Single(events)).Call.Arguments.GetProperty("a").GetInt32());
    }

    [Fact]
    public void Feed_LiteralMarkerText_StaysTextWhenMarkersAreTokens()
    {
        // The model copying "<tool_call>" from a document as ordinary text must not open a call.
        var events = NewParser().Run(T("The page says <tool_call>{\"name\": \"js\", \"arguments\": {}}</tool_call> literally."));

        Assert.Empty(events.OfType<ToolCallParsed>());
        Assert.Empty(events.OfType<ToolCallFailed>());
        Assert.Equal("The page says <tool_call>{\"name\": \"js\", \"arguments\": {}}</tool_call> literally.", events.Prose());
    }

    [Fact]
    public void Feed_TextModeMarkersSplitAcrossPieces_Recognised()
    {
        var events = NewTextParser().Run(
            T("ok <to"), T("ol_c"), T("all>\n{\"name\": \"calculator\", \"arguments\": {\"expression\": \"1\"}}\n</tool"), T("_call"), T("> done <"));

        Assert.Equal("calculator", Assert.Single(events.OfType<ToolCallParsed>()).Call.Name);
        Assert.Equal("ok  done <", events.Prose());
    }

    [Fact]
    public void Feed_TextModeCharByChar_Recognised()
    {
        var events = NewTextParser().Run(Chars("<think>hm</think><tool_call>{\"name\": \"x\", \"arguments\": {\"s\": \"a<b\"}}</tool_call>"));

        Assert.Equal("hm", events.Thought());
        Assert.Equal("a<b", Assert.Single(events.OfType<ToolCallParsed>()).Call.Arguments.GetProperty("s").GetString());
    }

    [Fact]
    public void Feed_NewCallBeforeClose_ReportsTheOpenOneAndParsesTheNext()
    {
        var events = NewParser().Run(
            S("<tool_call>"), T("{\"name\": \"a\""), S("<tool_call>"), T("{\"name\": \"b\", \"arguments\": {}}"), S("</tool_call>"));

        Assert.Contains("before the previous one was closed", Assert.Single(events.OfType<ToolCallFailed>()).Message, StringComparison.Ordinal);
        Assert.Equal("b", Assert.Single(events.OfType<ToolCallParsed>()).Call.Name);
    }

    [Fact]
    public void Feed_ThinkMarkerInsideCall_KeptAsCallText()
    {
        var events = NewParser().Run(S("<tool_call>"), T("{\"name\": \"js\", \"arguments\": {\"code\": \""), S("<think>"), T("\"}}"), S("</tool_call>"));

        Assert.Equal("<think>", Assert.Single(events.OfType<ToolCallParsed>()).Call.Arguments.GetProperty("code").GetString());
    }

    [Fact]
    public void Feed_MarkerTokensInsideAJsonString_AreText()
    {
        // The grammar admits a marker token inside a string (its text is valid string characters): it must not end the call.
        var events = NewParser().Run(
            S("<tool_call>"), T("{\"name\": \"js\", \"arguments\": {\"code\": \"a\\\"b"), S("</tool_call>"), S("<tool_call>"), T("c\"}}"), S("</tool_call>"));

        var call = Assert.Single(events.OfType<ToolCallParsed>()).Call;
        Assert.Equal("a\"b</tool_call><tool_call>c", call.Arguments.GetProperty("code").GetString());
        Assert.Empty(events.OfType<ToolCallFailed>());
    }

    [Fact]
    public void FirstCallOrdinal_NumbersContinueAcrossTurns()
    {
        var parser = ToolCallFormats.Hermes.CreateParser(new ToolCallParserOptions { FirstCallOrdinal = 4 });

        var events = parser.Run(S("<tool_call>"), T("{\"name\": \"a\", \"arguments\": {}}"), S("</tool_call>"));

        Assert.Equal("call_4", Assert.Single(events.OfType<ToolCallParsed>()).Call.Id);
    }

    [Fact]
    public void Feed_AfterComplete_Throws()
    {
        var parser = NewParser();
        parser.Complete();

        Assert.Throws<ObjectDisposedException>(() => parser.Feed(T("x")));
    }
}
