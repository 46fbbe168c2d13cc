using System.Text.Json;
using System.Text.Json.Nodes;
using AgentOS.Abstractions;
using AgentOS.Kernel.Conversations;

namespace AgentOS.Train.Corpus;

/// <summary>
/// The JSON Lines form of episodes: one object per line. The held-out file in this form is also the evaluation set:
/// besides the transcript it carries <c>task</c>, <c>expected_tool</c>, <c>expected_arguments</c>,
/// <c>expected_calls</c> and <c>expected_answer_contains</c>, which a full agent loop (<c>agentos eval</c>) can run
/// without reading the transcript.
/// </summary>
/// <remarks>
/// One line:
/// <code>
/// {"id": "heldout-000001", "family": "calculator", "template": "expr.9", "template_held_out": true, "split": "heldout",
///  "task": "Can you calculate 17 * 23 for me?",
///  "expected_tool": "calculator", "expected_arguments": {"expression": "17 * 23"},
///  "expected_calls": [{"name": "calculator", "arguments": {"expression": "17 * 23"}}],
///  "expected_answer_contains": ["391"],
///  "messages": [
///    {"role": "user", "content": "Can you calculate 17 * 23 for me?"},
///    {"role": "assistant", "thinking": null, "content": null, "tool_calls": [{"id": "call_1", "name": "calculator", "arguments": {"expression": "17 * 23"}}], "trained": true},
///    {"role": "tool", "tool_call_id": "call_1", "name": "calculator", "content": "391"},
///    {"role": "assistant", "thinking": null, "content": "17 * 23 = 391.", "tool_calls": [], "trained": true}]}
/// </code>
/// A failed call's tool message has <c>"error": {"code": "ExecutionError", "message": "…"}</c> instead of <c>content</c>.
/// <c>expected_tool</c> and <c>expected_arguments</c> are those of the first expected call, or null when the task
/// needs no tool.
/// </remarks>
public static class EpisodeJson
{
    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    /// <summary>Writes episodes to a JSON Lines file.</summary>
    public static void Write(string path, IEnumerable<Episode> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var episode in episodes)
        {
            writer.WriteLine(ToLine(episode));
        }
    }

    /// <summary>Reads episodes from a JSON Lines file.</summary>
    /// <exception cref="InvalidDataException">A line is not an episode; the message names the line.</exception>
    public static IReadOnlyList<Episode> Read(string path)
    {
        var episodes = new List<Episode>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                episodes.Add(FromLine(line));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or NullReferenceException)
            {
                throw new InvalidDataException($"{path}, line {number}: not an episode ({e.Message}).", e);
            }
        }

        return episodes;
    }

    /// <summary>One episode as one line of JSON.</summary>
    public static string ToLine(Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var first = episode.ExpectedCalls.Count > 0 ? episode.ExpectedCalls[0] : null;
        var node = new JsonObject
        {
            ["id"] = episode.Id,
            ["family"] = episode.Family,
            ["template"] = episode.Template,
            ["template_held_out"] = episode.TemplateHeldOut,
            ["split"] = episode.Split == CorpusSplit.Train ? "train" : "heldout",
            ["task"] = episode.Task,
            ["expected_tool"] = first?.Name,
            ["expected_arguments"] = first is null ? null : JsonNode.Parse(first.Arguments.GetRawText()),
            ["expected_calls"] = new JsonArray([.. episode.ExpectedCalls.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["arguments"] = JsonNode.Parse(c.Arguments.GetRawText()) })]),
            ["expected_answer_contains"] = new JsonArray([.. episode.AnswerContains.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["messages"] = new JsonArray([.. MessagesToJson(episode)]),
        };
        return node.ToJsonString(LineOptions);
    }

    /// <summary>Reads one line written by <see cref="ToLine"/>.</summary>
    public static Episode FromLine(string line)
    {
        var node = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("the line is null");
        var messages = new List<ConversationMessage>();
        var untrained = new List<int>();
        var assistantTurns = 0;
        foreach (var message in node["messages"]!.AsArray())
        {
            var role = (string)message!["role"]!;
            switch (role)
            {
                case "user":
                    messages.Add(new UserMessage((string)message["content"]!));
                    break;
                case "assistant":
                    var calls = message["tool_calls"]!.AsArray()
                        .Select(c => new ToolCall((string)c!["id"]!, (string)c["name"]!, ToElement(c["arguments"]!)))
                        .ToList();
                    if (!(bool)message["trained"]!)
                    {
                        untrained.Add(assistantTurns);
                    }

                    assistantTurns++;
                    messages.Add(new AssistantMessage((string?)message["thinking"], (string?)message["content"], calls));
                    break;
                case "tool":
                    var error = message["error"];
                    var result = error is null
                        ? ToolResult.Ok((string)message["content"]!)
                        : ToolResult.Fail(Enum.Parse<ToolErrorCode>((string)error["code"]!), (string)error["message"]!);
                    var response = new ToolResponse((string)message["tool_call_id"]!, (string)message["name"]!, result);
                    // The results of one assistant turn are consecutive tool messages and form one message.
                    if (messages.Count > 0 && messages[^1] is ToolResultsMessage previous)
                    {
                        messages[^1] = new ToolResultsMessage([.. previous.Responses, response]);
                    }
                    else
                    {
                        messages.Add(ToolResultsMessage.Of(response));
                    }

                    break;
                default:
                    throw new JsonException($"unknown role '{role}'");
            }
        }

        return new Episode(
            (string)node["id"]!,
            (string)node["family"]!,
            (string)node["template"]!,
            (bool)node["template_held_out"]!,
            (string)node["split"]! == "train" ? CorpusSplit.Train : CorpusSplit.HeldOut,
            messages,
            untrained,
            [.. node["expected_calls"]!.AsArray().Select(c => new ExpectedCall((string)c!["name"]!, ToElement(c["arguments"]!)))],
            [.. node["expected_answer_contains"]!.AsArray().Select(s => (string)s!)]);
    }

    private static IEnumerable<JsonNode> MessagesToJson(Episode episode)
    {
        var assistantTurn = 0;
        foreach (var message in episode.Messages)
        {
            switch (message)
            {
                case UserMessage user:
                    yield return new JsonObject { ["role"] = "user", ["content"] = user.Text };
                    break;
                case AssistantMessage assistant:
                    yield return new JsonObject
                    {
                        ["role"] = "assistant",
                        ["thinking"] = assistant.Thinking,
                        ["content"] = assistant.Text,
                        ["tool_calls"] = new JsonArray([.. assistant.ToolCalls.Select(c => (JsonNode)new JsonObject
                        {
                            ["id"] = c.Id,
                            ["name"] = c.Name,
                            ["arguments"] = JsonNode.Parse(c.Arguments.GetRawText()),
                        })]),
                        ["trained"] = !episode.UntrainedTurns.Contains(assistantTurn++),
                    };
                    break;
                case ToolResultsMessage results:
                    foreach (var response in results.Responses)
                    {
                        var item = new JsonObject { ["role"] = "tool", ["tool_call_id"] = response.CallId, ["name"] = response.ToolName };
                        if (response.Result.IsSuccess)
                        {
                            item["content"] = response.Result.Content;
                        }
                        else
                        {
                            item["error"] = new JsonObject { ["code"] = response.Result.Error.Code.ToString(), ["message"] = response.Result.Error.Message };
                        }

                        yield return item;
                    }

                    break;
            }
        }
    }

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
