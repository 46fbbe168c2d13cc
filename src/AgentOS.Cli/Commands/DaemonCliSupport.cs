using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Daemon.Client;
using AgentOS.Daemon.Hosting;

namespace AgentOS.Cli.Commands;

/// <summary>What the daemon-facing verbs share: the global <c>--socket</c> option, <c>--json</c>, and one-line errors.</summary>
public static class DaemonCliSupport
{
    /// <summary>The JSON the verbs print with <c>--json</c>: indented, readable characters.</summary>
    public static JsonSerializerOptions PrintJson { get; } = new(AgentOS.Daemon.DaemonJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>--socket PATH</c>, valid on every command (default <c>$AGENTOS_SOCKET</c> or the per-user socket).</summary>
    public static Option<string?> Socket { get; } = new("--socket")
    {
        Description = "The daemon's Unix socket (default: $AGENTOS_SOCKET, else $XDG_RUNTIME_DIR/agentos/agentos.sock or ~/.local/share/agentos/agentos.sock).",
        Recursive = true,
    };

    /// <summary>Creates a <c>--json</c> option for one command.</summary>
    public static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON." };

    /// <summary>The socket the command should use.</summary>
    public static string SocketPath(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(Socket) is { Length: > 0 } path ? Path.GetFullPath(path) : DaemonPaths.DefaultSocketPath();
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a client of the daemon, turning the failures a user can act on
    /// into one line on stderr and exit code 1: no daemon, an error answer.
    /// </summary>
    public static async Task<int> WithClientAsync(ParseResult parseResult, Func<DaemonClient, TextWriter, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(action);
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        using var client = DaemonClient.ForSocket(SocketPath(parseResult));
        try
        {
            return await action(client, output).ConfigureAwait(false);
        }
        catch (DaemonUnavailableException ex)
        {
            await error.WriteLineAsync($"agentos: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (DaemonApiException ex)
        {
            await error.WriteLineAsync($"agentos: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON.</summary>
    public static void WriteJson<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, PrintJson));
    }
}
