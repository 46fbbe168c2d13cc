using System.Text;
using System.Text.Json;
using AgentOS.Abstractions;
using AgentOS.Tools.JsWorker;

// The js tool's worker: one script per line of standard input, one response per line of standard output
// (JsWorkerProtocol). The host starts it under OS limits and kills it at the deadline; it exits when its
// input closes, so it never outlives the host.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var input = new StreamReader(Console.OpenStandardInput(), utf8);
using var output = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false, NewLine = "\n" };

ScriptRunner.WarmUp();
output.WriteLine(JsWorkerProtocol.ReadyLine);
output.Flush();

while (input.ReadLine() is { } line)
{
    JsWorkerResponse response;
    try
    {
        var request = JsonSerializer.Deserialize<JsWorkerRequest>(line, JsWorkerProtocol.Json)
            ?? throw new JsonException("the request is null");
        response = ScriptRunner.Run(request);
    }
    catch (JsonException exception)
    {
        response = JsWorkerResponse.Failed(ToolErrorCode.InternalError, $"the worker could not read its request: {exception.Message}", "", false);
    }

    output.WriteLine(JsonSerializer.Serialize(response, JsWorkerProtocol.Json));
    output.Flush();
    // The answer is out; give back what the script allocated before the next one arrives.
    GC.Collect();
}
