using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Client;
using AgentOS.Daemon.Tests.Support;

namespace AgentOS.Daemon.Tests.Api;

public sealed class DaemonApiTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScriptedTaskRunner _runner = new();
    private TestDaemon _daemon = null!;

    private DaemonClient Client => _daemon.Client;

    public async Task InitializeAsync() => _daemon = await TestDaemon.StartAsync(_dir, _runner);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Health_RunningDaemon_ReportsOkAndItsDataFolder()
    {
        var health = await Client.HealthAsync();
        Assert.Equal("ok", health.Status);
        Assert.Equal(Environment.ProcessId, health.ProcessId);
        Assert.Equal(_daemon.DataDirectory, health.DataDirectory);
        Assert.Equal("scripted", health.Model);
    }

    [Fact]
    public async Task Submit_ThenWait_CompletesWithTheRunnersAnswer()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "hello" });
        Assert.Equal("queued", task.State);

        var done = await Client.WaitAsync(task.Id).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("completed", done.Task.State);
        Assert.Equal("echo: hello", done.Answer);
        Assert.Equal(1, done.Stats!.Value.GetProperty("steps").GetInt32());
        Assert.Equal("hello", done.Transcript!.Value.GetProperty("messages")[0].GetString());
    }

    [Fact]
    public async Task Watch_FinishedTask_StreamsEveryEventInOrderThenEnds()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "slow task" });

        var events = new List<TaskEventView>();
        await foreach (var ev in Client.WatchAsync(task.Id).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
        {
            events.Add(ev);
        }

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(["state", "state", "thought", "state"], events.Select(e => e.Kind));
        Assert.Equal("completed", events[^1].Data.GetProperty("state").GetString());
        Assert.Equal("echo: slow task", events[^1].Data.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Watch_FromASequence_SkipsEarlierEvents()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "x" });
        await Client.WaitAsync(task.Id);

        var events = new List<TaskEventView>();
        await foreach (var ev in Client.WatchAsync(task.Id, afterSequence: 2))
        {
            events.Add(ev);
        }

        Assert.Equal([3L, 4], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Cancel_RunningTask_EndsCancelledKeepingItsCheckpoint()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "block forever" });
        await _runner.FirstBlockingStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var cancelled = await Client.CancelAsync(task.Id);

        Assert.Equal("cancelled", cancelled.State);
        var details = await Client.GetAsync(task.Id);
        Assert.Equal("block forever", details.Transcript!.Value.GetProperty("messages")[0].GetString());
    }

    [Fact]
    public async Task Cancel_FinishedTask_IsAConflictWithAClearMessage()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "x" });
        await Client.WaitAsync(task.Id);

        var ex = await Assert.ThrowsAsync<DaemonApiException>(() => Client.CancelAsync(task.Id));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Contains("already ended", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RunnerThrows_TaskFailsWithTheReason()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "fail please" });
        var done = await Client.WaitAsync(task.Id);
        Assert.Equal("failed", done.Task.State);
        Assert.Contains("scripted failure", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownTask_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<DaemonApiException>(() => Client.GetAsync(999_999));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("There is no task 999999.", ex.Message);
    }

    [Theory]
    [InlineData("", "\"text\" is required")]
    [InlineData("   ", "\"text\" is required")]
    public async Task Submit_NoText_IsABadRequest(string text, string expected)
    {
        var ex = await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = text }));
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownTool_IsABadRequestNamingIt()
    {
        var ex = await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = "x", Tools = ["no_such_tool"] }));
        Assert.Contains("no_such_tool", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BadCapabilityAndBudgets_AreBadRequests()
    {
        await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = "x", Capabilities = ["NOT VALID"] }));
        await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = "x", MaxSteps = 0 }));
        await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = "x", TimeoutSeconds = -1 }));
        await Assert.ThrowsAsync<DaemonApiException>(() => Client.SubmitAsync(new SubmitTaskRequest { Text = new string('a', DaemonApi.MaxTaskTextLength + 1) }));
    }

    [Fact]
    public async Task Submit_MalformedJson_IsABadRequestWithAJsonError()
    {
        var response = await RawRequestAsync("POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{\"text\":,");
        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("\"error\":", response, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByState_FiltersAndRejectsUnknownStates()
    {
        var task = await Client.SubmitAsync(new SubmitTaskRequest { Text = "x" });
        await Client.WaitAsync(task.Id);

        var completed = await Client.ListAsync("completed");
        Assert.Contains(completed, t => t.Id == task.Id);
        Assert.Empty(await Client.ListAsync("queued"));
        await Assert.ThrowsAsync<DaemonApiException>(() => Client.ListAsync("bogus"));
    }

    [Fact]
    public async Task UnknownRoute_IsNotFoundWithAJsonError()
    {
        var response = await RawRequestAsync("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 404", response, StringComparison.Ordinal);
        Assert.Contains("/v1", response, StringComparison.Ordinal);
    }

    [Fact]
    public void Socket_IsOwnerOnlyInAnOwnerOnlyFolder()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_daemon.SocketPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(_daemon.SocketPath)!));
    }

    private async Task<string> RawRequestAsync(string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_daemon.SocketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
