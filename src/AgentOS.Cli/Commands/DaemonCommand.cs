using System.CommandLine;
using System.Globalization;
using AgentOS.Daemon.Hosting;
using AgentOS.Daemon.Store;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos daemon</c>: runs the daemon in the foreground until SIGTERM or Ctrl+C (running tasks are
/// checkpointed); <c>agentos daemon status</c>: asks a running daemon how it is.
/// </summary>
public static class DaemonCommand
{
    /// <summary>Creates the <c>daemon</c> command with its <c>status</c> subcommand.</summary>
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Data folder: task database and plugins/ (default: $AGENTOS_HOME or ~/.local/share/agentos)." };
        var model = new Option<string?>("--model") { Description = "The GGUF model (default: models/agentos-tiny.gguf)." };
        var contextSize = new Option<int?>("--context-size") { Description = "Context size in tokens, shared by concurrent runs (default 8192)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for decoding (default: the engine's choice)." };
        var gpuLayers = new Option<int?>("--gpu-layers") { Description = "Layers offloaded to the GPU (default: all when a GPU is present)." };
        var concurrency = new Option<int?>("--concurrency") { Description = "Tasks run at the same time, one KV sequence each (default 4)." };
        var plugins = new Option<string[]>("--plugins") { Description = "Extra plugin folders (repeatable).", AllowMultipleArgumentsPerToken = true };
        var config = new Option<string?>("--config") { Description = "A JSON settings file read after appsettings.json." };
        var recovery = new Option<RecoveryMode?>("--recovery") { Description = "After a crash or stop: Interrupt (default) or Resume cut-short tasks." };
        var command = new Command("daemon", "Run the AgentOS daemon in the foreground until SIGTERM or Ctrl+C.")
        {
            data, model, contextSize, threads, gpuLayers, concurrency, plugins, config, recovery,
        };

        // Synchronous on purpose: System.CommandLine's own Ctrl+C/SIGTERM handling (for async actions)
        // would end the process after two seconds; the host's lifetime handles the signals instead and
        // stops gracefully, checkpointing running tasks.
        command.SetAction(parseResult =>
        {
            var settings = new DaemonHostSettings { ConfigFile = parseResult.GetValue(config) };
            void Set(string key, object? value)
            {
                if (value is not null)
                {
                    settings.Overrides[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
                }
            }

            Set("Socket", parseResult.GetValue(DaemonCliSupport.Socket) is { Length: > 0 } socket ? Path.GetFullPath(socket) : null);
            Set("Data", parseResult.GetValue(data));
            Set("Model", parseResult.GetValue(model));
            Set("ContextSize", parseResult.GetValue(contextSize));
            Set("Threads", parseResult.GetValue(threads));
            Set("GpuLayers", parseResult.GetValue(gpuLayers));
            Set("Concurrency", parseResult.GetValue(concurrency));
            Set("Recovery", parseResult.GetValue(recovery));
            var folders = parseResult.GetValue(plugins) ?? [];
            for (var i = 0; i < folders.Length; i++)
            {
                Set($"Plugins:{i.ToString(CultureInfo.InvariantCulture)}", Path.GetFullPath(folders[i]));
            }

            try
            {
                using var app = DaemonHost.Build(settings);
                app.Run();
                return 0;
            }
            catch (Exception ex) when (ex is DaemonStartupException or TaskStoreException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"agentos: {ex.Message}");
                return 1;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException ex)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"agentos: invalid daemon settings: {string.Join(" ", ex.Failures)}");
                return 1;
            }
        });
        command.Subcommands.Add(CreateStatus());
        return command;
    }

    private static Command CreateStatus()
    {
        var json = DaemonCliSupport.JsonOption();
        var command = new Command("status", "Show whether the daemon runs, its model, and its tasks by state.") { json };
        command.SetAction((parseResult, cancellationToken) => DaemonCliSupport.WithClientAsync(parseResult, async (client, output) =>
        {
            var health = await client.HealthAsync(cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                DaemonCliSupport.WriteJson(output, health);
                return 0;
            }

            var invariant = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(invariant, $"AgentOS daemon {health.Version}: {health.Status} (pid {health.ProcessId}, up since {health.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss})")).ConfigureAwait(false);
            await output.WriteLineAsync($"Socket:      {client.Endpoint}").ConfigureAwait(false);
            await output.WriteLineAsync($"Data:        {health.DataDirectory}").ConfigureAwait(false);
            await output.WriteLineAsync($"Model:       {health.Model ?? "(none)"}").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(invariant, $"Concurrency: {health.Concurrency} (running now: {(health.Running.Count == 0 ? "none" : string.Join(", ", health.Running))})")).ConfigureAwait(false);
            var counts = health.Tasks.Count == 0 ? "none" : string.Join(", ", health.Tasks.Select(kv => string.Create(invariant, $"{kv.Value} {kv.Key}")));
            await output.WriteLineAsync($"Tasks:       {counts}").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
