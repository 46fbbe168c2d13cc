using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Client;
using AgentOS.Daemon.Tests.Support;
using AgentOS.Testing;

namespace AgentOS.Daemon.Tests.EndToEnd;

/// <summary>
/// The real <c>agentos daemon</c> process on the committed default model, driven by the real CLI: many tasks at once
/// with checked answers, and plugins found in the data folder's <c>plugins/</c>.
/// </summary>
public sealed class DefaultModelDaemonTests : IDisposable
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();
    private Process? _daemon;

    private string Socket => _dir.Combine("run", "d.sock");

    private string Data => _dir.Combine("data");

    public void Dispose()
    {
        if (_daemon is { HasExited: false })
        {
            _daemon.Kill(entireProcessTree: true);
            _daemon.WaitForExit();
        }

        _daemon?.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Daemon_TwentyTasksSubmittedAtOnce_AllFinishWithTheRightAnswer()
    {
        await StartDaemonAsync();
        var tasks = TwentyTasks();

        var submits = await Task.WhenAll(tasks.Select(t => AgentOSProcess.RunAsync(CliTimeout, "submit", t.Text, "--socket", Socket)));
        Assert.All(submits, s => Assert.True(s.ExitCode == 0, s.Error));
        var ids = submits.Select(s => long.Parse(s.Output.Trim(), CultureInfo.InvariantCulture)).ToList();

        using var client = DaemonClient.ForSocket(Socket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var wrong = new List<string>();
        foreach (var (id, task) in ids.Zip(tasks))
        {
            var details = await client.WaitAsync(id, timeout.Token);
            if (details.Task.State != "completed" || details.Answer is null || !ModelAnswer.HasStandAlone(details.Answer, task.Expected))
            {
                wrong.Add($"{task.Text} -> [{details.Task.State}] {details.Answer ?? details.Error}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task Daemon_PluginCopiedIn_IsListedAndOfferedToATaskGrantedIt()
    {
        CopyPlugin("Dates");
        await StartDaemonAsync();

        var (toolsExit, toolsOutput, toolsError) = await AgentOSProcess.RunAsync(CliTimeout, "tools", "--socket", Socket);
        Assert.True(toolsExit == 0, toolsError);
        Assert.Contains("date_diff", toolsOutput, StringComparison.Ordinal);

        var details = await SubmitAndWaitAsync("How many days are there from 2024-01-01 to 2024-03-01?", "--tools", "date_diff");

        // The default model was never trained on this tool (the model card): it declines, or starts a call it never
        // closes until the step's token budget ends the task. The daemon's part is to offer the tool, to end the
        // task either way, and to send any call the model makes to the plugin's own script: a result, or the
        // script's own complaint about a date (ExecutionError), never a refusal by the tool host. The call path
        // itself is PluginLoaderTests'.
        Assert.True(details.Task.State is "completed" or "failed", $"{details.Task.State}: {details.Error}");
        Assert.Contains("date_diff", OfferedTools(details));
        Assert.All(
            ToolResults(details).Where(r => r.GetProperty("name").GetString() == "date_diff"),
            r => Assert.True(r.TryGetProperty("content", out _) || r.GetProperty("code").GetString() == "ExecutionError", r.ToString()));
    }

    [Fact]
    public async Task Daemon_ToolNeedingACapability_IsOnlyOfferedWhenTheTaskGrantsIt()
    {
        WriteNetworkPlugin();
        await StartDaemonAsync();

        var refused = await SubmitAndWaitAsync("What is the weather in Oslo?", "--tools", "weather");
        var granted = await SubmitAndWaitAsync("What is the weather in Oslo?", "--tools", "weather", "--capabilities", "network");

        // Without the grant the tool is neither offered nor callable: no result of it can appear. With it, the model
        // sees the tool in its prompt. Whether it calls a tool it was never trained on is up to the model (the default
        // model declines); a call it makes must reach the plugin. The call path under a grant is PluginLoaderTests'.
        Assert.DoesNotContain("weather", OfferedTools(refused));
        Assert.DoesNotContain(ToolResults(refused), r => r.TryGetProperty("content", out _));
        Assert.Contains("weather", OfferedTools(granted));
        Assert.All(
            ToolResults(granted).Where(r => r.GetProperty("name").GetString() == "weather"),
            r => Assert.EndsWith(": 4 °C, light rain (from the test plugin)", r.GetProperty("content").GetString(), StringComparison.Ordinal));
    }

    /// <summary>Twenty tasks of the kinds the default model handles (arithmetic, scripts over numbers, a two-step task), in
    /// phrasings of its training; what the model card says it gets wrong (phrasings it has not seen) stays out.</summary>
    private static List<(string Text, string Expected)> TwentyTasks() =>
    [
        ("What is 17*23?", "391"),
        ("What is 46 multiplied by 12?", "552"),
        ("Add 318 and 45.", "363"),
        ("What is 900 minus 274?", "626"),
        ("Divide 1440 by 12.", "120"),
        ("What is 25 times 64?", "1600"),
        ("Subtract 88 from 950.", "862"),
        ("Evaluate 12 + 30 * 2.", "72"),
        ("What is 3600 / 45?", "80"),
        ("What do you get if you add 123 and 877?", "1000"),
        ("What is 58 plus 67?", "125"),
        ("Multiply 31 by 7.", "217"),
        ("Compute 81*9.", "729"),
        ("How much is 640 divided by 8?", "80"),
        ("What is 1024 - 1?", "1023"),
        ("Sort these numbers from largest to smallest: 42, 7, 315, 18.", "315, 42, 18, 7"),
        ("What is the largest number in 12, 95, 7, 40?", "95"),
        ("How many letters are in the word \"umbrella\"?", "8"),
        ("Take the length of the word \"lantern\" and multiply it by 12.", "84"),
        ("What is 144 / 12?", "12"),
    ];

    private async Task<TaskDetailsView> SubmitAndWaitAsync(string text, params string[] options)
    {
        var (exitCode, output, error) = await AgentOSProcess.RunAsync(CliTimeout, ["submit", text, "--socket", Socket, .. options]);
        Assert.True(exitCode == 0, error);
        using var client = DaemonClient.ForSocket(Socket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await client.WaitAsync(long.Parse(output.Trim(), CultureInfo.InvariantCulture), timeout.Token);
    }

    /// <summary>The tool results of a daemon transcript: <c>{"role": "tool", "results": [{"callId", "name", "content" | "error", "code"}]}</c>.</summary>
    private static List<string?> OfferedTools(TaskDetailsView details) =>
        details.Transcript is { } transcript ? [.. transcript.GetProperty("tools").EnumerateArray().Select(t => t.GetString())] : [];

    private static List<JsonElement> ToolResults(TaskDetailsView details) =>
        details.Transcript is { } transcript
            ? [.. transcript.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("role").GetString() == "tool")
                .SelectMany(m => m.GetProperty("results").EnumerateArray())]
            : [];

    private void CopyPlugin(string name)
    {
        var target = Directory.CreateDirectory(Path.Combine(Data, "plugins", name)).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Plugins, name)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    /// <summary>A JavaScript plugin whose one tool declares that it needs the network (it does not use it).</summary>
    private void WriteNetworkPlugin()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Data, "plugins", "weather")).FullName;
        File.WriteAllText(Path.Combine(folder, "weather.js"), "function weather(args) { return args.city + ': 4 °C, light rain (from the test plugin)'; }\n");
        File.WriteAllText(Path.Combine(folder, "plugin.json"), """
            {
              "name": "weather",
              "kind": "javascript",
              "description": "Current weather.",
              "capabilities": ["network"],
              "tools": [
                {
                  "name": "weather",
                  "description": "The current weather in a city.",
                  "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"], "additionalProperties": false },
                  "script": "weather.js",
                  "function": "weather"
                }
              ]
            }
            """);
    }

    private async Task StartDaemonAsync()
    {
        var environment = new Dictionary<string, string> { ["AGENTOS_THREADS"] = "1" };
        _daemon = await AgentOSProcess.StartDaemonAsync(Socket, environment, "--data", Data, "--model", Repository.DefaultModel, "--concurrency", "8");
    }
}
