using System.Text;
using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Train.Corpus;

namespace AgentOS.Train.Eval;

/// <summary>
/// Scores a model on held-out episodes by letting it generate. Two ways: per turn, with the reference conversation up
/// to each assistant turn as the prompt (did it choose the right tool, write a call that parses and fits the schema,
/// copy the numbers, answer right from the tool's result); and per task, run freely with its own calls going to the
/// real tools, as the kernel will run it.
/// </summary>
public sealed class GenerationEvaluator
{
    private readonly ITurnGenerator _model;
    private readonly IToolCallFormat _format;
    private readonly string? _systemPrompt;
    private readonly ToolBox _tools;
    private readonly Dictionary<string, ToolDefinition> _definitions;

    /// <summary>Creates an evaluator that prompts <paramref name="model"/> the way <paramref name="format"/> renders conversations.</summary>
    public GenerationEvaluator(ITurnGenerator model, IToolCallFormat format, string? systemPrompt, ToolBox tools)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(tools);
        _model = model;
        _format = format;
        _systemPrompt = systemPrompt;
        _tools = tools;
        _definitions = tools.Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>Most tokens of one generated turn. Default 192.</summary>
    public int MaxTurnTokens { get; init; } = 192;

    /// <summary>Scores every trained assistant turn of <paramref name="episode"/> with teacher forcing.</summary>
    public async Task<IReadOnlyList<TurnOutcome>> ScoreTurnsAsync(Episode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var outcomes = new List<TurnOutcome>();
        var turn = 0;
        for (var i = 0; i < episode.Messages.Count; i++)
        {
            if (episode.Messages[i] is not AssistantMessage reference)
            {
                continue;
            }

            if (!episode.UntrainedTurns.Contains(turn))
            {
                var generated = Generate(episode.Messages.Take(i).ToList(), cancellationToken);
                outcomes.Add(await ScoreTurnAsync(episode, turn, reference, generated, cancellationToken).ConfigureAwait(false));
            }

            turn++;
        }

        return outcomes;
    }

    /// <summary>Runs the task of <paramref name="episode"/> freely and scores the outcome.</summary>
    public async Task<RunOutcome> RunAsync(Episode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var messages = new List<ConversationMessage> { new UserMessage(episode.Task) };
        var transcript = new StringBuilder($"user: {episode.Task}\n");
        var calledTools = new List<string>();
        var (calls, validCalls) = (0, 0);
        string? answer = null;
        var maxSteps = episode.ExpectedCalls.Count + 2;
        for (var step = 0; step < maxSteps && answer is null; step++)
        {
            var generated = Generate(messages, cancellationToken);
            transcript.Append("assistant: ").Append(generated.Text).Append('\n');
            if (generated.Failed.Count > 0)
            {
                // A broken call ends the run here; the kernel would show the model the parse error.
                calls += generated.Failed.Count + generated.Calls.Count;
                break;
            }

            if (generated.Calls.Count == 0)
            {
                answer = generated.Prose;
                break;
            }

            var responses = new List<ToolResponse>();
            foreach (var call in generated.Calls)
            {
                calls++;
                calledTools.Add(call.Name);
                var result = await CallAsync(call, cancellationToken).ConfigureAwait(false);
                if (result.Error?.Code is not (ToolErrorCode.UnknownTool or ToolErrorCode.InvalidArguments))
                {
                    validCalls++;
                }

                responses.Add(new ToolResponse(call.Id, call.Name, result));
                transcript.Append("tool: ").Append(result.ToString()).Append('\n');
            }

            messages.Add(new AssistantMessage(generated.Thinking, generated.Prose, generated.Calls));
            messages.Add(new ToolResultsMessage(responses));
        }

        var toolsRight = calledTools.SequenceEqual(episode.ExpectedCalls.Select(c => c.Name));
        var finalRight = answer is not null
            && episode.AnswerContains.All(s => answer.Contains(s, StringComparison.Ordinal))
            && (episode.ExpectedCalls.Count > 0 || calls == 0);
        var (copyFirstTokenRight, copyRightAfterFirstToken) = ScoreCopy(episode, answer);
        return new RunOutcome(
            episode.Id, episode.Family, episode.TemplateHeldOut, calls, validCalls, toolsRight, answer, finalRight, transcript.ToString(),
            copyFirstTokenRight, copyRightAfterFirstToken);
    }

    /// <summary>
    /// Where a copy breaks, token by token, for a task whose reference answer is exactly a piece of the task: the
    /// first token of a copy and the rest are learned separately (a model can continue a copy it cannot start).
    /// </summary>
    private (bool? FirstTokenRight, bool? RightAfterFirstToken) ScoreCopy(Episode episode, string? answer)
    {
        var reference = episode.Messages.OfType<AssistantMessage>().LastOrDefault()?.Text;
        if (episode.ExpectedCalls.Count > 0 || episode.AnswerContains.Count != 1 || reference != episode.AnswerContains[0]
            || !episode.Task.Contains(reference, StringComparison.Ordinal))
        {
            return (null, null);
        }

        var expected = _model.Tokenizer.Tokenize(reference, parseSpecial: false);
        var written = _model.Tokenizer.Tokenize(answer?.Trim() ?? "", parseSpecial: false);
        return (written.Count > 0 && written[0] == expected[0], written.Count > 0 && written.Skip(1).SequenceEqual(expected.Skip(1)));
    }

    private async Task<TurnOutcome> ScoreTurnAsync(Episode episode, int turn, AssistantMessage reference, GeneratedTurn generated, CancellationToken cancellationToken)
    {
        var expectsCall = reference.ToolCalls.Count > 0;
        var parsed = generated.Failed.Count == 0 && generated.Calls.Count == 1;
        var call = parsed ? generated.Calls[0] : null;
        var schemaValid = call is not null && IsSchemaValid(call);
        var expected = expectsCall ? reference.ToolCalls[0] : null;
        var toolRight = call is not null && expected is not null && call.Name == expected.Name;
        var exact = toolRight && JsonElement.DeepEquals(call!.Arguments, expected!.Arguments);
        var equivalent = exact;
        if (toolRight && schemaValid && !exact)
        {
            var mine = await CallAsync(call!, cancellationToken).ConfigureAwait(false);
            var theirs = await CallAsync(expected!, cancellationToken).ConfigureAwait(false);
            equivalent = mine.ToString() == theirs.ToString();
        }

        var answered = generated.Calls.Count == 0 && generated.Failed.Count == 0 && generated.Prose.Length > 0;
        var answerRight = !expectsCall && answered && episode.AnswerContains.All(s => generated.Prose.Contains(s, StringComparison.Ordinal));
        return new TurnOutcome(episode.Id, episode.Family, episode.TemplateHeldOut, turn, expectsCall, generated.Text,
            parsed, schemaValid, toolRight, exact, equivalent, answered, answerRight);
    }

    private bool IsSchemaValid(ToolCall call) =>
        _definitions.TryGetValue(call.Name, out var definition) && JsonSchemaValidator.Validate(definition.ParametersSchema, call.Arguments).Count == 0;

    /// <summary>Runs a call as the kernel's tool host would: unknown tools and invalid arguments become errors, not exceptions.</summary>
    private async Task<ToolResult> CallAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (!_definitions.TryGetValue(call.Name, out var definition))
        {
            return ToolResult.Fail(ToolErrorCode.UnknownTool, $"There is no tool named '{call.Name}'.");
        }

        if (!JsonSchemaValidator.TryValidate(definition.ParametersSchema, call.Arguments, out var error))
        {
            return ToolResult.Fail(ToolErrorCode.InvalidArguments, error ?? "The arguments do not match the schema.");
        }

        return await _tools.CallAsync(call.Name, call.Arguments, cancellationToken).ConfigureAwait(false);
    }

    private GeneratedTurn Generate(IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken)
    {
        var conversation = new Conversation(_systemPrompt, _tools.Definitions, messages);
        var prompt = PromptTokenization.Tokenize(_format.Render(conversation, addGenerationPrompt: true), _model.Tokenizer);
        var tokens = _model.Bos is { } bos ? [bos, .. prompt.Tokens] : prompt.Tokens.ToList();
        var pieces = _model.Generate(tokens, MaxTurnTokens, cancellationToken);
        return GeneratedTurn.Parse(_format, pieces);
    }
}
