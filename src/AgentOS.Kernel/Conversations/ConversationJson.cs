using System.Text.Json;

namespace AgentOS.Kernel.Conversations;

/// <summary>
/// Writes a conversation as JSON in the message shape the corpus files use: <c>{"role": "user", "content": …}</c>,
/// <c>{"role": "assistant", "thinking": …, "content": …, "tool_calls": [{"id", "name", "arguments"}]}</c>,
/// <c>{"role": "tool", "tool_call_id": …, "name": …, "content": …}</c> (or <c>"error": {"code", "message"}</c>).
/// </summary>
public static class ConversationJson
{
    /// <summary>Writes <c>{"system": …, "tools": [names], "messages": [...]}</c>.</summary>
    public static void Write(Utf8JsonWriter writer, Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(conversation);
        writer.WriteStartObject();
        writer.WriteString("system", conversation.SystemPrompt);
        writer.WriteStartArray("tools");
        foreach (var tool in conversation.Tools)
        {
            writer.WriteStringValue(tool.Name);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("messages");
        foreach (var message in conversation.Messages)
        {
            WriteMessage(writer, message);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ConversationMessage message)
    {
        switch (message)
        {
            case UserMessage user:
                writer.WriteStartObject();
                writer.WriteString("role", "user");
                writer.WriteString("content", user.Text);
                writer.WriteEndObject();
                break;
            case AssistantMessage assistant:
                writer.WriteStartObject();
                writer.WriteString("role", "assistant");
                writer.WriteString("thinking", assistant.Thinking);
                writer.WriteString("content", assistant.Text);
                writer.WriteStartArray("tool_calls");
                foreach (var call in assistant.ToolCalls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", call.Id);
                    writer.WriteString("name", call.Name);
                    writer.WritePropertyName("arguments");
                    call.Arguments.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                break;
            case ToolResultsMessage results:
                foreach (var response in results.Responses)
                {
                    writer.WriteStartObject();
                    writer.WriteString("role", "tool");
                    writer.WriteString("tool_call_id", response.CallId);
                    writer.WriteString("name", response.ToolName);
                    if (response.Result.IsSuccess)
                    {
                        writer.WriteString("content", response.Result.Content);
                    }
                    else
                    {
                        writer.WriteStartObject("error");
                        writer.WriteString("code", response.Result.Error.Code.ToString());
                        writer.WriteString("message", response.Result.Error.Message);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                break;
            default:
                throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(message));
        }
    }
}
