using System.Text.Json;
using System.Text.Json.Nodes;
using AgentOS.Abstractions;

namespace AgentOS.Daemon.Runs;

/// <summary>
/// The transcript the daemon stores for a run, built from the run's events as they happen so a
/// checkpoint can be taken at any moment: the task, then per step the assistant's thinking, text and
/// calls, then the tool results. Stored as JSON:
/// <c>{"task":…,"messages":[{"role":"user",…},{"role":"assistant","step":1,…},{"role":"tool",…}]}</c>.
/// </summary>
internal sealed class RunTranscript
{
    private readonly JsonObject _root;
    private readonly JsonArray _messages = [];
    private JsonObject? _assistant;

    public RunTranscript(string task, string? systemPrompt, IEnumerable<string> tools)
    {
        _root = new JsonObject
        {
            ["task"] = task,
            ["system"] = systemPrompt,
            ["tools"] = new JsonArray([.. tools.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["messages"] = _messages,
        };
        _messages.Add(new JsonObject { ["role"] = "user", ["text"] = task });
    }

    public void AddText(int step, string field, string text)
    {
        var assistant = Assistant(step);
        assistant[field] = (assistant[field]?.GetValue<string>() ?? string.Empty) + text;
    }

    public void AddCall(int step, ToolCall call)
    {
        var assistant = Assistant(step);
        if (assistant["calls"] is not JsonArray calls)
        {
            calls = [];
            assistant["calls"] = calls;
        }

        calls.Add(new JsonObject { ["id"] = call.Id, ["name"] = call.Name, ["arguments"] = JsonNode.Parse(call.Arguments.GetRawText()) });
    }

    public void AddResult(int step, string callId, string tool, ToolResult result)
    {
        var last = _messages.Count > 0 ? _messages[^1] as JsonObject : null;
        if (last?["role"]?.GetValue<string>() != "tool" || last["step"]?.GetValue<int>() != step)
        {
            last = new JsonObject { ["role"] = "tool", ["step"] = step, ["results"] = new JsonArray() };
            _messages.Add(last);
            _assistant = null;
        }

        var entry = new JsonObject { ["callId"] = callId, ["name"] = tool };
        if (result.IsSuccess)
        {
            entry["content"] = result.Content;
        }
        else
        {
            entry["error"] = result.Error.Message;
            entry["code"] = result.Error.Code.ToString();
        }

        ((JsonArray)last["results"]!).Add(entry);
    }

    public string ToJson() => _root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private JsonObject Assistant(int step)
    {
        if (_assistant is null || _assistant["step"]?.GetValue<int>() != step)
        {
            _assistant = new JsonObject { ["role"] = "assistant", ["step"] = step };
            _messages.Add(_assistant);
        }

        return _assistant;
    }
}
