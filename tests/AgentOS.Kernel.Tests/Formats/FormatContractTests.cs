using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Kernel.Tests.Fakes;

namespace AgentOS.Kernel.Tests.Formats;

/// <summary>Properties every format must have, checked on each of them.</summary>
public sealed class FormatContractTests
{
    public static TheoryData<string> FormatNames => new(ToolCallFormats.All.Select(f => f.Name));

    private static Conversation Start() =>
        new("You are AgentOS.", [TestTools.Calculator, TestTools.Search], [new UserMessage("What is 17*23?")]);

    private static AssistantMessage CallTurn(IToolCallFormat format) =>
        new("think", "Let me compute.", [new ToolCall(format.CreateCallId(1), "calculator", TestTools.Json("""{"expression":"17*23"}"""))]);

    private static ToolResultsMessage Results(IToolCallFormat format) =>
        ToolResultsMessage.Of(new ToolResponse(format.CreateCallId(1), "calculator", ToolResult.Ok("391")));

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Render_AfterToolCalls_ExtendsThePreviousPromptByOutputAndResultsTurn(string name)
    {
        var format = ToolCallFormats.FromName(name)!;
        var start = Start();
        var call = CallTurn(format);
        var results = Results(format);

        var whole = format.Render(start.Append(call).Append(results), addGenerationPrompt: true);
        var pieces = format.Render(start, addGenerationPrompt: true)
            .Concat(format.RenderAssistantOutput(call))
            .Concat(format.RenderToolResultsTurn(results));

        Assert.Equal(PromptTokenization.Coalesce(whole), PromptTokenization.Coalesce(pieces));
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Render_FinalAnswer_ExtendsThePromptByOutputAndTurnEnd(string name)
    {
        var format = ToolCallFormats.FromName(name)!;
        var start = Start().Append(CallTurn(format)).Append(Results(format));
        var answer = AssistantMessage.Answer("391");

        var whole = format.Render(start.Append(answer), addGenerationPrompt: false);
        var pieces = format.Render(start, addGenerationPrompt: true).Concat(format.RenderAssistantOutput(answer)).Concat(format.RenderTurnEnd());

        Assert.Equal(PromptTokenization.Coalesce(whole), PromptTokenization.Coalesce(pieces));
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void RenderAssistantOutput_AllSegments_AreModelOutput(string name)
    {
        var format = ToolCallFormats.FromName(name)!;

        var segments = format.RenderAssistantOutput(CallTurn(format));

        Assert.All(segments, s => Assert.True(s.IsModelOutput));
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Parse_RenderedCallTurn_GivesBackTheCall(string name)
    {
        var format = ToolCallFormats.FromName(name)!;
        var call = CallTurn(format);
        var parser = format.CreateParser();

        var events = new List<ParseEvent>();
        foreach (var segment in format.RenderAssistantOutput(call))
        {
            events.AddRange(segment.Kind == SegmentKind.Template
                ? parser.Feed(GeneratedPiece.OfSpecial(segment.Text))
                : segment.Text.Select(c => parser.Feed(GeneratedPiece.OfText(c.ToString()))).SelectMany(e => e));
        }

        events.AddRange(parser.Complete());

        var parsed = Assert.Single(events.OfType<ToolCallParsed>());
        Assert.Equal("calculator", parsed.Call.Name);
        Assert.Equal("17*23", parsed.Call.Arguments.GetProperty("expression").GetString());
        Assert.Equal(format.CreateCallId(1), parsed.Call.Id);
        Assert.Empty(events.OfType<ToolCallFailed>());
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Parse_RenderedAnswer_GivesBackTheTextAndNoCall(string name)
    {
        var format = ToolCallFormats.FromName(name)!;
        var parser = format.CreateParser();

        var events = new List<ParseEvent>();
        foreach (var segment in format.RenderAssistantOutput(AssistantMessage.Answer("17 × 23 = 391.")))
        {
            events.AddRange(parser.Feed(new GeneratedPiece(segment.Text, segment.Kind == SegmentKind.Template)));
        }

        events.AddRange(parser.Complete());

        Assert.Empty(events.OfType<ToolCallParsed>());
        Assert.Equal("17 × 23 = 391.", string.Concat(events.OfType<TextParsed>().Select(e => e.Text)).Trim());
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void BuildGrammar_NamesEveryToolAndHasRoot(string name)
    {
        var format = ToolCallFormats.FromName(name)!;

        var grammar = format.BuildGrammar([TestTools.Calculator, TestTools.Search], _ => true);

        Assert.Equal("root", grammar.Root);
        Assert.StartsWith("root ::= ", grammar.Gbnf, StringComparison.Ordinal);
        Assert.Contains("\\\"calculator\\\"", grammar.Gbnf, StringComparison.Ordinal);
        Assert.Contains("\\\"retrieval\\\"", grammar.Gbnf, StringComparison.Ordinal);
        Assert.True(grammar.TriggerTokens.Count + grammar.TriggerPatterns.Count > 0);
    }

    [Fact]
    public void Tokenize_TemplateParsedContentNot_AndMaskFollowsOutput()
    {
        var tokenizer = new CharTokenizer(ToolCallFormats.Hermes.Markers);
        var conversation = new Conversation(null, [], [new UserMessage("<tool_call>"), AssistantMessage.Answer("ok")]);

        var prompt = PromptTokenization.Tokenize(ToolCallFormats.Hermes.Render(conversation, false), tokenizer);

        // The user's literal "<tool_call>" is 11 character tokens, never the special token.
        Assert.DoesNotContain(tokenizer.TokenOf("<tool_call>"), prompt.Tokens);
        Assert.Contains(tokenizer.TokenOf("<|im_start|>"), prompt.Tokens);
        Assert.Contains(tokenizer.Calls, c => c is { Text: "<tool_call>", Parse: false });
        var output = prompt.Tokens.Where((_, i) => prompt.IsModelOutput[i]).ToList();
        Assert.Equal(['o', 'k', tokenizer.TokenOf("<|im_end|>")], output);
        Assert.Equal(prompt.Tokens.Count, prompt.IsModelOutput.Count);
    }

    [Fact]
    public void Coalesce_MergesNeighboursOfSameKindAndDropsEmpty()
    {
        var merged = PromptTokenization.Coalesce([
            PromptSegment.Template("a"), PromptSegment.Template(""), PromptSegment.Template("b"),
            PromptSegment.Content("c"), PromptSegment.OutputContent("d"), PromptSegment.OutputContent("e"),
        ]);

        Assert.Equal([PromptSegment.Template("ab"), PromptSegment.Content("c"), PromptSegment.OutputContent("de")], merged);
    }
}
