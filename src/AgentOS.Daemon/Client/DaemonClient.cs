using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AgentOS.Daemon.Api;

namespace AgentOS.Daemon.Client;

/// <summary>
/// A typed client of the daemon's API, over its Unix socket (or, with a token, its TCP listener).
/// A daemon that is not running is a <see cref="DaemonUnavailableException"/>; an error answer is a
/// <see cref="DaemonApiException"/> carrying the daemon's message.
/// </summary>
public sealed class DaemonClient : IDisposable
{
    private readonly HttpClient _http;

    private DaemonClient(HttpClient http, string endpoint)
    {
        _http = http;
        Endpoint = endpoint;
    }

    /// <summary>The socket path or URL this client talks to.</summary>
    public string Endpoint { get; }

    /// <summary>A client over the Unix socket at <paramref name="socketPath"/>.</summary>
    public static DaemonClient ForSocket(string socketPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var endPoint = new UnixDomainSocketEndPoint(socketPath);
        var handler = new SocketsHttpHandler
        {
            // Every HTTP connection is a new connection to the socket; the host name in URLs is ignored.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri("http://agentos/"), Timeout = Timeout.InfiniteTimeSpan };
        return new DaemonClient(http, socketPath);
    }

    /// <summary>A client over the daemon's TCP listener, sending <paramref name="token"/> as the bearer token.</summary>
    public static DaemonClient ForTcp(Uri baseAddress, string token)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new DaemonClient(http, baseAddress.ToString());
    }

    /// <summary>The daemon's state.</summary>
    public Task<HealthView> HealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync<HealthView>(HttpMethod.Get, "v1/health", null, cancellationToken);

    /// <summary>Submits a task and returns it as stored (queued, with its id).</summary>
    public Task<TaskView> SubmitAsync(SubmitTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<TaskView>(HttpMethod.Post, "v1/tasks", request, cancellationToken);
    }

    /// <summary>Tasks, newest first; <paramref name="state"/> filters (queued, running, …).</summary>
    public Task<IReadOnlyList<TaskView>> ListAsync(string? state = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(state));
        }

        if (limit is { } n)
        {
            query.Add("limit=" + n.ToString(CultureInfo.InvariantCulture));
        }

        var path = "v1/tasks" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendAsync<IReadOnlyList<TaskView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>One task in full.</summary>
    public Task<TaskDetailsView> GetAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync<TaskDetailsView>(HttpMethod.Get, $"v1/tasks/{id.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);

    /// <summary>Cancels a task and returns it as it is afterwards.</summary>
    public Task<TaskView> CancelAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync<TaskView>(HttpMethod.Post, $"v1/tasks/{id.ToString(CultureInfo.InvariantCulture)}/cancel", null, cancellationToken);

    /// <summary>The tools the daemon offers.</summary>
    public Task<IReadOnlyList<ToolView>> ToolsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ToolView>>(HttpMethod.Get, "v1/tools", null, cancellationToken);

    /// <summary>The plugins the daemon found, loaded or skipped.</summary>
    public Task<IReadOnlyList<PluginView>> PluginsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<PluginView>>(HttpMethod.Get, "v1/plugins", null, cancellationToken);

    /// <summary>
    /// The task's events after <paramref name="afterSequence"/>, live, until the task has ended (the
    /// stream closes then) or <paramref name="cancellationToken"/> stops the watch.
    /// </summary>
    public async IAsyncEnumerable<TaskEventView> WatchAsync(long id, long afterSequence = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"v1/tasks/{id.ToString(CultureInfo.InvariantCulture)}/events?after={afterSequence.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? kind = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind == "end")
                {
                    yield break;
                }

                if (data.Length > 0 && JsonSerializer.Deserialize<TaskEventView>(data.ToString(), DaemonJson.Options) is { } ev)
                {
                    yield return ev;
                }

                kind = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                kind = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart());
            }

            // "id:" lines and ":" comments need no handling: each event carries its sequence in its data.
        }
    }

    /// <summary>
    /// Waits until the task has ended (following its event stream) and returns it in full.
    /// </summary>
    public async Task<TaskDetailsView> WaitAsync(long id, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in WatchAsync(id, 0, cancellationToken).ConfigureAwait(false))
        {
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: DaemonJson.Options);
        }

        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(DaemonJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new DaemonApiException(response.StatusCode, "The daemon sent an empty answer.");
        }
        catch (JsonException ex)
        {
            throw new DaemonApiException($"The daemon's answer could not be read (is {Endpoint} an AgentOS daemon of the same version?): {ex.Message}", ex);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new DaemonUnavailableException(Endpoint, ex);
        }
        catch (SocketException ex)
        {
            throw new DaemonUnavailableException(Endpoint, ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string message;
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiError>(DaemonJson.Options, cancellationToken).ConfigureAwait(false);
            message = error?.Error ?? $"The daemon answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            message = $"The daemon answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }

        throw new DaemonApiException(response.StatusCode, message);
    }
}
