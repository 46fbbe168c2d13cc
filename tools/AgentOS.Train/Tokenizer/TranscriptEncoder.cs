using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;
using AgentOS.Kernel.Formats;
using AgentOS.Train.Corpus;

namespace AgentOS.Train.Tokenizer;

/// <summary>
/// Renders episodes with the kernel's own prompt format (so training prompts equal run-time prompts, tool schemas in
/// the system turn included) and tokenizes them the way the kernel does: template segments with special-token
/// parsing, content without; then BOS in front, and a target flag on every token the assistant writes.
/// </summary>
public sealed class TranscriptEncoder
{
    private readonly IToolCallFormat _format;
    private readonly string? _systemPrompt;
    private readonly IReadOnlyList<ToolDefinition> _tools;
    private (SpmTokenizer Tokenizer, IReadOnlyList<int> Tokens)? _systemTurn;

    /// <summary>Creates an encoder for prompts of <paramref name="format"/> with this system prompt and these tools.</summary>
    public TranscriptEncoder(IToolCallFormat format, string? systemPrompt, IReadOnlyList<ToolDefinition> tools)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(tools);
        _format = format;
        _systemPrompt = systemPrompt;
        _tools = tools;
    }

    /// <summary>The conversation of an episode as the kernel would hold it.</summary>
    public Conversation ToConversation(IReadOnlyList<ConversationMessage> messages) => new(_systemPrompt, _tools, messages);

    /// <summary>The rendered segments of a whole episode.</summary>
    public IReadOnlyList<PromptSegment> Render(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return _format.Render(ToConversation(episode.Messages), addGenerationPrompt: false);
    }

    /// <summary>
    /// The texts a tokenizer is trained on: every segment's text with the special tokens' texts cut out of template
    /// segments (they become single tokens and never take part in merges).
    /// </summary>
    public IEnumerable<string> TrainingTexts(Episode episode)
    {
        foreach (var segment in PromptTokenization.Coalesce(Render(episode)))
        {
            if (segment.Kind == SegmentKind.Content)
            {
                yield return segment.Text;
                continue;
            }

            foreach (var part in segment.Text.Split([.. _format.Markers], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return part;
            }
        }
    }

    /// <summary>
    /// Tokens of a whole episode (BOS first) and, per token, whether the loss trains the model to predict it: the
    /// tokens of the assistant's turns, except turns the episode marks untrained; with
    /// <see cref="LossScope.Conversation"/> also every user and tool token after the system turn, and with
    /// <see cref="LossScope.AssistantAndToolResponses"/> or <see cref="LossScope.AssistantAndUserMessages"/> those but
    /// the user's own messages or the tool responses.
    /// </summary>
    public (int[] Tokens, bool[] Targets) Encode(Episode episode, SpmTokenizer tokenizer, LossScope scope)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var prompt = PromptTokenization.Tokenize(Render(episode), tokenizer);
        var systemTurn = scope == LossScope.Assistant ? prompt.Tokens.Count : SystemTurnLength(prompt.Tokens, tokenizer);
        var tokens = new int[prompt.Tokens.Count + 1];
        var targets = new bool[tokens.Length];
        tokens[0] = Vocabulary.BosId;
        var turn = -1;
        for (var i = 0; i < prompt.Tokens.Count; i++)
        {
            tokens[i + 1] = prompt.Tokens[i];
            var output = prompt.IsModelOutput[i];
            // Assistant turns are separated by tokens the model does not write (tool results, role headers),
            // so each run of model-output tokens is one assistant turn.
            if (output && (i == 0 || !prompt.IsModelOutput[i - 1]))
            {
                turn++;
            }

            targets[i + 1] = output ? !episode.UntrainedTurns.Contains(turn) : i >= systemTurn;
        }

        if (scope is LossScope.AssistantAndToolResponses or LossScope.AssistantAndUserMessages)
        {
            ClearUserTurns(tokens, targets, tokenizer, toolResponses: scope == LossScope.AssistantAndUserMessages);
        }

        return (tokens, targets);
    }

    /// <summary>
    /// Takes ChatML turns of the role <c>user</c> out of the targets, header to <c>&lt;|im_end|&gt;</c>: the user's own
    /// messages, or with <paramref name="toolResponses"/> the turns that carry a <c>&lt;tool_response&gt;</c> (Hermes puts
    /// tool results in user turns). User text is tokenized without special tokens, so it cannot fake the marker.
    /// </summary>
    private static void ClearUserTurns(int[] tokens, bool[] targets, SpmTokenizer tokenizer, bool toolResponses)
    {
        var vocabulary = tokenizer.Vocabulary;
        var userHeader = tokenizer.Encode("user\n", parseSpecial: false);
        var toolResponse = vocabulary.Find(SpecialTokens.ToolResponseStart);
        for (var i = 0; i < tokens.Length; i++)
        {
            var content = i + 1 + userHeader.Length;
            if (tokens[i] != vocabulary.ImStartId || !tokens.AsSpan(i + 1).StartsWith(userHeader)
                || (content < tokens.Length && tokens[content] == toolResponse) != toolResponses)
            {
                continue;
            }

            var end = Array.IndexOf(tokens, vocabulary.ImEndId, i);
            end = end < 0 ? tokens.Length - 1 : end;
            Array.Fill(targets, false, i, end - i + 1);
            i = end;
        }
    }

    /// <summary>How many of <paramref name="transcript"/>'s tokens are the system turn, checked token by token.</summary>
    private int SystemTurnLength(IReadOnlyList<int> transcript, SpmTokenizer tokenizer)
    {
        if (_systemTurn is not { } cached || cached.Tokenizer != tokenizer)
        {
            _systemTurn = cached = (tokenizer, PromptTokenization.Tokenize(_format.Render(ToConversation([]), addGenerationPrompt: false), tokenizer).Tokens);
        }

        var system = cached.Tokens;
        if (system.Count > transcript.Count || system.Where((token, i) => transcript[i] != token).Any())
        {
            throw new InvalidOperationException("The system turn rendered alone does not begin the transcript token for token; the loss scope cannot tell where the conversation starts.");
        }

        return system.Count;
    }
}
