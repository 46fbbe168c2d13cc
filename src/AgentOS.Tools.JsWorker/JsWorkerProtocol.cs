using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentOS.Tools.JsWorker;

/// <summary>
/// The line protocol between the tool host and a worker: the worker prints <see cref="ReadyLine"/> once it
/// is warm, then answers every request line with exactly one response line, and exits at end of input.
/// </summary>
internal static class JsWorkerProtocol
{
    /// <summary>Printed once after start-up and warm-up.</summary>
    public const string ReadyLine = "agentos-js-worker ready";

    /// <summary>Serializer settings both sides use, so a request or response is always one line.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };
}
