using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Daemon.Client;
using AgentOS.Tools;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos tools [--json]</c>: lists the tools with their descriptions and argument schemas — the running daemon's
/// (built-in and plugin tools) when one answers on the socket, otherwise the built-in tools an in-process
/// <c>agentos run</c> has.
/// </summary>
public static class ToolsCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>tools</c> command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {name, description, parameters, capabilities, source}." };
        var command = new Command("tools", "List the tools with their argument schemas: the daemon's when it runs (plugins included), else the built-in ones.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var tools = await ListAsync(parseResult, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                var list = tools.Select(t => new { name = t.Name, description = t.Description, parameters = t.Parameters, capabilities = t.Capabilities, source = t.Source });
                await output.WriteLineAsync(JsonSerializer.Serialize(list, Indented).AsMemory(), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            foreach (var tool in tools)
            {
                await output.WriteLineAsync($"{tool.Name}\n  {tool.Description}").ConfigureAwait(false);
                await output.WriteLineAsync($"  from: {tool.Source}" + (tool.Capabilities.Count > 0 ? $"; needs: {string.Join(", ", tool.Capabilities)}" : string.Empty)).ConfigureAwait(false);
                var schema = JsonSerializer.Serialize(tool.Parameters, Indented);
                await output.WriteLineAsync("  arguments: " + schema.ReplaceLineEndings("\n  ")).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static async Task<IReadOnlyList<Listed>> ListAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using (var client = DaemonClient.ForSocket(DaemonCliSupport.SocketPath(parseResult)))
        {
            try
            {
                var remote = await client.ToolsAsync(cancellationToken).ConfigureAwait(false);
                return [.. remote.Select(t => new Listed(t.Name, t.Description, t.Parameters, t.Capabilities, t.Source))];
            }
            catch (DaemonUnavailableException)
            {
                // No daemon: the tools of an in-process run.
            }
        }

        var tools = BuiltInTools.Create(AgentOSPaths.Resolve(parseResult).CreateToolsOptions());
        try
        {
            return [.. tools.Select(t => new Listed(t.Definition.Name, t.Definition.Description, t.Definition.ParametersSchema, t.Definition.Capabilities, "builtin"))];
        }
        finally
        {
            foreach (var disposable in tools.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }
    }

    private sealed record Listed(string Name, string Description, JsonElement Parameters, IReadOnlyList<string> Capabilities, string Source);
}
