using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentOS.Daemon.Api;

/// <summary>
/// Requires <c>Authorization: Bearer TOKEN</c> on every request that arrived over TCP. Requests over
/// the Unix socket carry no IP address and pass: the socket's file permissions are their guard.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(token);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalIpAddress is null || Authorized(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsJsonAsync(
            new ApiError("This listener needs 'Authorization: Bearer TOKEN' with the daemon's TcpToken."), DaemonJson.Options);
    }

    private bool Authorized(string header)
    {
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        // Constant time, so the comparison leaks nothing about how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
