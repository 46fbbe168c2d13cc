using System.Text.Json;
using System.Text.Json.Nodes;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;

namespace AgentOS.Train.Corpus;

/// <summary>Writes one transcript turn by turn, running each call through the real tools as it goes.</summary>
internal sealed class EpisodeBuilder(ToolBox tools, CancellationToken cancellationToken)
{
    private readonly List<ConversationMessage> _messages = [];
    private readonly List<int> _untrainedTurns = [];
    private readonly List<ExpectedCall> _expectedCalls = [];
    private int _assistantTurns;
    private int _calls;

    /// <summary>The messages so far.</summary>
    public IReadOnlyList<ConversationMessage> Messages => _messages;

    /// <summary>Assistant turns that are context only (see <see cref="Episode.UntrainedTurns"/>).</summary>
    public IReadOnlyList<int> UntrainedTurns => _untrainedTurns;

    /// <summary>The calls of trained turns, in order: what a correct run makes.</summary>
    public IReadOnlyList<ExpectedCall> ExpectedCalls => _expectedCalls;

    /// <summary>Adds the user's message.</summary>
    public void User(string text) => _messages.Add(new UserMessage(text));

    /// <summary>
    /// Adds an assistant turn that calls <paramref name="tool"/>, runs the call, adds its result, and returns it.
    /// </summary>
    /// <param name="tool">The tool's name.</param>
    /// <param name="arguments">The arguments, as (name, value) pairs in the order they are written.</param>
    /// <param name="thinking">A short thought before the call, or null.</param>
    /// <param name="trained">False for a deliberately wrong call the model should see but never learn to write.</param>
    public async Task<ToolResult> CallAsync(string tool, IReadOnlyList<(string Name, object Value)> arguments, string? thinking = null, bool trained = true)
    {
        var json = Arguments(arguments);
        var call = new ToolCall($"call_{++_calls}", tool, json);
        if (!trained)
        {
            _untrainedTurns.Add(_assistantTurns);
        }
        else
        {
            _expectedCalls.Add(new ExpectedCall(tool, json));
        }

        _assistantTurns++;
        _messages.Add(new AssistantMessage(thinking, null, [call]));
        var result = await tools.CallAsync(tool, json, cancellationToken).ConfigureAwait(false);
        _messages.Add(ToolResultsMessage.Of(new ToolResponse(call.Id, tool, result)));
        return result;
    }

    /// <summary>A JSON arguments object with its properties in the given order.</summary>
    public static JsonElement Arguments(IReadOnlyList<(string Name, object Value)> arguments)
    {
        var node = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            node[name] = value switch
            {
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                _ => throw new ArgumentException($"Argument '{name}' has a type the corpus does not write ({value.GetType().Name}).", nameof(arguments)),
            };
        }

        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Adds the assistant's final answer.</summary>
    public void Answer(string text, string? thinking = null)
    {
        _assistantTurns++;
        _messages.Add(AssistantMessage.Answer(text, thinking));
    }
}
