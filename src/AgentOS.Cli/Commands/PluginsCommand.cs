using System.CommandLine;

namespace AgentOS.Cli.Commands;

/// <summary><c>agentos plugins</c>: the plugins a running daemon found, loaded or skipped (and why).</summary>
public static class PluginsCommand
{
    /// <summary>Creates the <c>plugins</c> command.</summary>
    public static Command Create()
    {
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("plugins", "List the daemon's plugins: loaded ones with their tools, skipped ones with the reason.") { json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var plugins = await client.PluginsAsync(cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, plugins);
                return 0;
            }

            if (plugins.Count == 0)
            {
                await output.WriteLineAsync("No plugins found.").ConfigureAwait(false);
                return 0;
            }

            foreach (var plugin in plugins)
            {
                var status = plugin.Loaded ? "loaded" : "skipped";
                await output.WriteLineAsync($"{plugin.Name} ({plugin.Kind}, {status}) {plugin.Path}").ConfigureAwait(false);
                if (plugin.Loaded)
                {
                    await output.WriteLineAsync($"  tools: {(plugin.Tools.Count == 0 ? "none" : string.Join(", ", plugin.Tools))}").ConfigureAwait(false);
                    if (plugin.Capabilities.Count > 0)
                    {
                        await output.WriteLineAsync($"  needs: {string.Join(", ", plugin.Capabilities)}").ConfigureAwait(false);
                    }
                }
                else
                {
                    await output.WriteLineAsync($"  error: {plugin.Error}").ConfigureAwait(false);
                }
            }

            return 0;
        }));
        return command;
    }
}
