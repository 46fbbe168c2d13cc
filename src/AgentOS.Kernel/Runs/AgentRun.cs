using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Kernel.Grammar;
using AgentOS.Kernel.ToolHosting;
using Microsoft.Extensions.Logging;

namespace AgentOS.Kernel.Runs;

/// <summary>The state of one run of <see cref="AgentRunner"/>: one task, one sequence, from prompt to result.</summary>
internal sealed partial class AgentRun
{
    private static readonly System.Text.Json.JsonElement EmptyArguments = System.Text.Json.JsonDocument.Parse("{}").RootElement.Clone();
    private readonly IAgentModel _model;
    private readonly ToolHost _tools;
    private readonly AgentRunOptions _options;
    private readonly ILogger _logger;
    private readonly ChannelWriter<AgentEvent> _events;
    private readonly IAgentVocabulary _vocabulary;
    private readonly IToolCallFormat _format;
    private readonly List<StepStats> _steps = [];
    private readonly Stopwatch _clock = new();
    private Conversation _conversation = new(null, [], []);
    private int _step;
    private int _generatedTotal;
    private int _nextCallOrdinal = 1;
    private TurnProgress? _turn;

    public AgentRun(IAgentModel model, ToolHost tools, AgentRunOptions options, ILogger logger, ChannelWriter<AgentEvent> events)
    {
        _model = model;
        _tools = tools;
        _options = options;
        _logger = logger;
        _events = events;
        _vocabulary = model.Vocabulary;
        _format = options.Format ?? ToolCallFormats.Detect(model.ChatTemplate);
    }

    /// <summary>Why a turn's generation stopped.</summary>
    private enum TurnEnd
    {
        EndOfTurn,
        StopSequence,
        StepTokens,
        RunTokens,
        ContextFull,
    }

    /// <summary>Runs the task to its end. Never throws: every ending is a <see cref="RunCompletedEvent"/>.</summary>
    public async Task ExecuteAsync(string task, CancellationToken cancellationToken)
    {
        _clock.Start();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.MaxDuration);
        AgentRunResult result;
        try
        {
            result = await LoopAsync(task, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = End(RunOutcome.Cancelled, RunErrorKind.Cancelled, "The run was cancelled.");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = End(RunOutcome.TimedOut, RunErrorKind.BudgetExhausted,
                $"The run reached its time budget of {_options.MaxDuration.TotalSeconds:0.#} s before an answer.");
        }
#pragma warning disable CA1031 // The run reports every failure of the model or engine as its result instead of crashing its host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRunFailed(_logger, exception);
            result = End(RunOutcome.Failed, RunErrorKind.ModelFailed, $"The model failed: {exception.Message}");
        }

        Emit(new RunCompletedEvent(_step, result));
        _events.TryComplete();
    }

    private async Task<AgentRunResult> LoopAsync(string task, CancellationToken cancellationToken)
    {
        var tools = _tools.DefinitionsFor(_options.Policy);
        _conversation = new Conversation(string.IsNullOrWhiteSpace(_options.SystemPrompt) ? null : _options.SystemPrompt, tools, [new UserMessage(task)]);
        var grammar = _options.ConstrainToolCalls && tools.Count > 0 ? _format.BuildGrammar(tools, IsSpecialMarker) : null;
        var pending = new List<int>();
        if (_vocabulary.StartToken is { } start)
        {
            pending.Add(start);
        }

        pending.AddRange(PromptTokenization.Tokenize(_format.Render(_conversation, addGenerationPrompt: true), _vocabulary).Tokens);

        var sequence = await _model.OpenSequenceAsync(cancellationToken).ConfigureAwait(false);
        await using (sequence.ConfigureAwait(false))
        {
            while (true)
            {
                _step++;
                var turn = await RunTurnAsync(sequence, pending, grammar, cancellationToken).ConfigureAwait(false);
                var message = turn.Message;
                if (message.Thinking is not null || message.Text is not null || message.ToolCalls.Count > 0)
                {
                    _conversation = _conversation.Append(message);
                }

                if (turn.End is TurnEnd.ContextFull)
                {
                    return End(RunOutcome.ContextFull, RunErrorKind.ContextFull,
                        $"The context is full ({sequence.Capacity} tokens) before an answer.", turn.Stats);
                }

                if (turn.End is TurnEnd.StepTokens or TurnEnd.RunTokens)
                {
                    var limit = turn.End is TurnEnd.StepTokens
                        ? $"{_options.MaxTokensPerStep} tokens in one step"
                        : $"{_options.MaxTotalTokens} tokens in the run";
                    return End(RunOutcome.MaxTokensReached, RunErrorKind.BudgetExhausted, $"The model reached its budget of {limit} before an answer.", turn.Stats);
                }

                if (turn.Calls.Count == 0 && turn.Failures.Count == 0)
                {
                    var answer = (message.Text ?? string.Empty).Trim();
                    Emit(new AnswerEvent(_step, answer));
                    _steps.Add(turn.Stats);
                    return Result(RunOutcome.Answered, answer, null);
                }

                if (_step >= _options.MaxSteps)
                {
                    return End(RunOutcome.MaxStepsReached, RunErrorKind.BudgetExhausted,
                        $"The run reached its budget of {_options.MaxSteps} steps before an answer.", turn.Stats);
                }

                var (results, toolTime) = await RunToolsAsync(turn, cancellationToken).ConfigureAwait(false);
                _steps.Add(turn.Stats with { ToolTime = toolTime });
                _conversation = _conversation.Append(results);
                pending = [.. PromptTokenization.Tokenize(_format.RenderToolResultsTurn(results), _vocabulary).Tokens];
            }
        }
    }

    private async Task<TurnOutput> RunTurnAsync(IAgentSequence sequence, List<int> pending, ToolCallGrammar? grammar, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        if (sequence.Length + pending.Count >= sequence.Capacity)
        {
            return new TurnOutput(AssistantMessage.Answer(string.Empty), [], [], TurnEnd.ContextFull,
                new StepStats(_step, 0, 0, stopwatch.Elapsed, TimeSpan.Zero, 0, string.Empty));
        }

        // Kept in a field so that a turn cut short by cancellation or a failure still shows in the result's steps.
        var turn = _turn = new TurnProgress(stopwatch);
        await sequence.AppendAsync(pending, cancellationToken).ConfigureAwait(false);
        turn.Prefilled = pending.Count;

        using var sampler = _model.CreateSampler(new AgentSamplingOptions
        {
            Temperature = _options.Temperature,
            TopK = _options.TopK,
            TopP = _options.TopP,
            MinP = _options.MinP,
            Seed = unchecked(_options.Seed + (uint)(_step - 1)),
            Grammar = grammar,
            LogitBias = _options.LogitBias,
        });
        var parser = _format.CreateParser(new ToolCallParserOptions { MarkerIsSpecialToken = IsSpecialMarker, FirstCallOrdinal = _nextCallOrdinal });
        var decoder = new PieceDecoder(_vocabulary, _format.StopSequences);
        var collected = new TurnCollector();
        var raw = turn.Raw;
        var end = TurnEnd.EndOfTurn;
        while (true)
        {
            if (turn.Generated >= _options.MaxTokensPerStep)
            {
                end = TurnEnd.StepTokens;
                break;
            }

            if (_generatedTotal >= _options.MaxTotalTokens)
            {
                end = TurnEnd.RunTokens;
                break;
            }

            if (sequence.Length >= sequence.Capacity)
            {
                end = TurnEnd.ContextFull;
                break;
            }

            var token = await sequence.SampleAsync(sampler, cancellationToken).ConfigureAwait(false);
            if (_vocabulary.IsEndOfGeneration(token))
            {
                // The end-of-turn token is not decoded here: the format's turn end is appended with the next turn.
                break;
            }

            await sequence.AppendAsync([token], cancellationToken).ConfigureAwait(false);
            turn.Generated++;
            _generatedTotal++;
            foreach (var piece in decoder.Push(token))
            {
                raw.Append(piece.Text);
                foreach (var parsed in parser.Feed(piece))
                {
                    Handle(parsed, collected);
                }
            }

            if (decoder.Stopped)
            {
                end = TurnEnd.StopSequence;
                break;
            }
        }

        foreach (var piece in decoder.Complete())
        {
            raw.Append(piece.Text);
            foreach (var parsed in parser.Feed(piece))
            {
                Handle(parsed, collected);
            }
        }

        foreach (var parsed in parser.Complete())
        {
            Handle(parsed, collected);
        }

        _nextCallOrdinal += collected.Calls.Count;
        stopwatch.Stop();
        _turn = null;
        var message = new AssistantMessage(
            FormatText.NullIfBlank(collected.Thinking.ToString())?.Trim(),
            FormatText.NullIfBlank(collected.Text.ToString())?.Trim(),
            collected.Calls);
        var stats = new StepStats(_step, turn.Prefilled, turn.Generated, stopwatch.Elapsed, TimeSpan.Zero, collected.Calls.Count + collected.Failures.Count, raw.ToString());
        return new TurnOutput(message, collected.Calls, collected.Failures, end, stats);
    }

    private void Handle(ParseEvent parsed, TurnCollector collected)
    {
        switch (parsed)
        {
            case ThoughtParsed thought:
                collected.Thinking.Append(thought.Text);
                Emit(new ThinkingEvent(_step, thought.Text));
                break;
            case TextParsed text:
                collected.Text.Append(text.Text);
                Emit(new TextEvent(_step, text.Text));
                break;
            case ToolCallParsed call:
                collected.Calls.Add(call.Call);
                Emit(new ToolCallEvent(_step, call.Call));
                break;
            case ToolCallFailed failed:
                collected.Failures.Add(failed);
                Emit(new ErrorEvent(_step, RunErrorKind.MalformedToolCall, failed.Message));
                break;
        }
    }

    private async Task<(ToolResultsMessage Results, TimeSpan Elapsed)> RunToolsAsync(TurnOutput turn, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var invocations = await _tools.InvokeAsync(turn.Calls, _options.Policy, cancellationToken).ConfigureAwait(false);
        stopwatch.Stop();
        var responses = new List<ToolResponse>();
        foreach (var invocation in invocations)
        {
            Emit(new ToolResultEvent(_step, invocation));
            responses.Add(new ToolResponse(invocation.Call.Id, invocation.Call.Name, invocation.Result));
        }

        // A call the model could not write correctly is answered like a call, with the parse error as its error, so
        // the model reads what was wrong where it expects a result and can write the call again.
        foreach (var failure in turn.Failures)
        {
            var id = _format.CreateCallId(_nextCallOrdinal++);
            var result = ToolResult.Fail(ToolErrorCode.InvalidArguments, failure.Message);
            var call = new ToolCall(id, failure.ToolName ?? "invalid_call", EmptyArguments);
            Emit(new ToolResultEvent(_step, new ToolInvocation(call, result, TimeSpan.Zero, false)));
            responses.Add(new ToolResponse(id, call.Name, result));
        }

        return (new ToolResultsMessage(responses), stopwatch.Elapsed);
    }

    private bool IsSpecialMarker(string marker) => _vocabulary.FindSpecialToken(marker) is not null;

    private AgentRunResult End(RunOutcome outcome, RunErrorKind kind, string message, StepStats? lastStep = null)
    {
        if (lastStep is not null)
        {
            _steps.Add(lastStep);
        }
        else if (_turn is { } interrupted)
        {
            _steps.Add(new StepStats(_step, interrupted.Prefilled, interrupted.Generated, interrupted.Clock.Elapsed, TimeSpan.Zero, 0, interrupted.Raw.ToString()));
            _turn = null;
        }

        Emit(new ErrorEvent(_step, kind, message));
        return Result(outcome, null, message);
    }

    private AgentRunResult Result(RunOutcome outcome, string? answer, string? error) =>
        new(outcome, answer, error, _conversation, [.. _steps], _clock.Elapsed, _format.Name);

    private void Emit(AgentEvent item) => _events.TryWrite(item);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);

    private sealed class TurnCollector
    {
        public StringBuilder Thinking { get; } = new();

        public StringBuilder Text { get; } = new();

        public List<ToolCall> Calls { get; } = [];

        public List<ToolCallFailed> Failures { get; } = [];
    }

    private sealed class TurnProgress(Stopwatch clock)
    {
        public Stopwatch Clock { get; } = clock;

        public int Prefilled { get; set; }

        public int Generated { get; set; }

        public StringBuilder Raw { get; } = new();
    }

    private sealed record TurnOutput(AssistantMessage Message, IReadOnlyList<ToolCall> Calls, IReadOnlyList<ToolCallFailed> Failures, TurnEnd End, StepStats Stats);
}
