using System.Text.Json;
using AgentOS.Daemon.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentOS.Daemon.Api;

/// <summary>
/// Turns failures that escape an endpoint into a JSON <see cref="ApiError"/>: a malformed request
/// body is the client's fault (400), an unusable database is the daemon's (503). No stack trace
/// ever reaches a client.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            var message = exception.InnerException is JsonException json
                ? $"The request body is not valid JSON for this route: {json.Message}"
                : $"Bad request: {exception.Message}";
            await WriteAsync(context, exception.StatusCode, message).ConfigureAwait(false);
        }
        catch (TaskStoreException exception) when (!context.Response.HasStarted)
        {
            LogStoreFailed(logger, exception);
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, exception.Message).ConfigureAwait(false);
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message), DaemonJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A request failed on the task database")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
