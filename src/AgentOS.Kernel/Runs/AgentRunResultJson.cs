using System.Text.Json;
using AgentOS.Kernel.Conversations;

namespace AgentOS.Kernel.Runs;

/// <summary>Writes an <see cref="AgentRunResult"/> as one JSON object (for <c>--json</c> output and stores).</summary>
public static class AgentRunResultJson
{
    /// <summary>
    /// Writes <c>{"outcome", "answer", "error", "format", "elapsed_ms", "tokens_prefilled", "tokens_generated",
    /// "steps": [{"step", "tokens_prefilled", "tokens_generated", "model_ms", "tool_ms", "tool_calls"}], "transcript"}</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, AgentRunResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("outcome", result.Outcome.ToString());
        writer.WriteString("answer", result.Answer);
        writer.WriteString("error", result.Error);
        writer.WriteString("format", result.FormatName);
        writer.WriteNumber("elapsed_ms", Math.Round(result.Elapsed.TotalMilliseconds, 1));
        writer.WriteNumber("tokens_prefilled", result.TotalTokensPrefilled);
        writer.WriteNumber("tokens_generated", result.TotalTokensGenerated);
        writer.WriteStartArray("steps");
        foreach (var step in result.Steps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", step.Step);
            writer.WriteNumber("tokens_prefilled", step.TokensPrefilled);
            writer.WriteNumber("tokens_generated", step.TokensGenerated);
            writer.WriteNumber("model_ms", Math.Round(step.ModelTime.TotalMilliseconds, 1));
            writer.WriteNumber("tool_ms", Math.Round(step.ToolTime.TotalMilliseconds, 1));
            writer.WriteNumber("tool_calls", step.ToolCalls);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("transcript");
        ConversationJson.Write(writer, result.Transcript);
        writer.WriteEndObject();
    }

    /// <summary>The result as an indented JSON string.</summary>
    public static string ToJson(AgentRunResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
