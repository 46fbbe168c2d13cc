using System.Net;
using AgentOS.Daemon.Api;
using AgentOS.Daemon.Scheduling;
using AgentOS.Inference;
using AgentOS.Native;
using AgentOS.Daemon.Runs;
using AgentOS.Daemon.Store;
using AgentOS.Daemon.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Hosting;

/// <summary>
/// Builds the daemon: configuration, options checked up front, the data-folder lock, the task
/// store, Kestrel on the Unix socket (and the optional TCP listener), the dispatcher and the API.
/// </summary>
public static class DaemonHost
{
    /// <summary>
    /// Builds the daemon's application, ready to <c>RunAsync</c>. Configuration, lowest precedence
    /// first: built-in defaults, <c>appsettings.json</c> next to the program, the
    /// <see cref="DaemonHostSettings.ConfigFile"/>, environment variables <c>AGENTOS_*</c>, then
    /// <see cref="DaemonHostSettings.Overrides"/> (the command line).
    /// </summary>
    /// <exception cref="DaemonStartupException">A setting is wrong, the socket or data folder is taken, or the config file is missing.</exception>
    /// <exception cref="TaskStoreException">The task database cannot be used.</exception>
    public static WebApplication Build(DaemonHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "agentos-daemon",

            // The daemon has no hosting-startup assemblies; without this the host looks for one named after the
            // application and logs a critical error on every start.
            Args = [$"--{WebHostDefaults.PreventHostingStartupKey}=true"],
        });

        try
        {
            ConfigureConfiguration(builder.Configuration, settings);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            throw new DaemonStartupException($"A configuration file is not valid JSON: {ex.Message}", ex);
        }

        var options = ReadOptions(builder.Configuration);

        builder.Host.UseSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddOptions<DaemonOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DaemonOptions>, DaemonOptionsValidator>();

        var dataLock = DataDirectoryLock.Acquire(options.ResolvedDataDirectory);
        try
        {
            return BuildLocked(builder, options, settings, dataLock);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static WebApplication BuildLocked(WebApplicationBuilder builder, DaemonOptions options, DaemonHostSettings settings, DataDirectoryLock dataLock)
    {
        var store = TaskStore.Open(options.DatabasePath, TimeSpan.FromSeconds(options.DatabaseBusyTimeoutSeconds));
        SocketFile.Prepare(options.ResolvedSocketPath);
        // A factory registration: the container disposes (and so unlocks) what a factory made.
        builder.Services.AddSingleton(_ => dataLock);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<TaskChangeSignal>();
        builder.Services.AddSingleton<ToolCatalog>();
        // Hosted services start in registration order: the tools are there before the first task runs.
        builder.Services.AddSingleton<ToolCatalogService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ToolCatalogService>());
        builder.Services.AddSingleton<TaskDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TaskDispatcher>());
        settings.ConfigureServices?.Invoke(builder.Services);
        if (!builder.Services.Any(s => s.ServiceType == typeof(ITaskRunner)))
        {
            AddKernelRunner(builder.Services, options);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(options.ResolvedSocketPath);
            if (options.TcpPort is { } port)
            {
                kestrel.Listen(IPAddress.Parse(options.TcpAddress), port);
            }
        });

        // Bad request bodies throw, so ApiErrorMiddleware answers them with a JSON error like every other error.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        var app = builder.Build();
        app.Services.GetRequiredService<DataDirectoryLock>();
        // Loaded here, before the host starts, so that a bad model file is a startup error.
        app.Services.GetService<LlamaModel>();
        var socketPath = options.ResolvedSocketPath;
        app.Lifetime.ApplicationStarted.Register(() => SocketFile.Restrict(socketPath));
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            if (File.Exists(socketPath))
            {
                File.Delete(socketPath);
            }
        });

        app.UseMiddleware<ApiErrorMiddleware>();
        if (options.TcpPort is not null)
        {
            app.UseMiddleware<BearerTokenMiddleware>(options.TcpToken!);
        }

        app.MapDaemonApi();
        return app;
    }

    /// <summary>
    /// The real runner: the model loaded once, one <see cref="BatchScheduler"/> context with a KV
    /// sequence per concurrent run, and the kernel's loop on top.
    /// </summary>
    private static void AddKernelRunner(IServiceCollection services, DaemonOptions options)
    {
        var modelPath = options.Model is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : DaemonPaths.FindDefaultModel()
              ?? throw new DaemonStartupException(
                  $"No model: pass --model PATH (the default models/{DaemonPaths.DefaultModelFileName} was found neither in the working folder nor above the program's folder).");
        services.AddSingleton(sp =>
        {
            // llama.cpp's own log (the backend it chose, why a GPU was not used) goes to the daemon's log.
            LlamaRuntime.Initialize(new LlamaRuntimeOptions { LoggerFactory = sp.GetRequiredService<ILoggerFactory>() });
            try
            {
                return LlamaModel.Load(modelPath, new ModelOptions { GpuLayers = options.GpuLayers });
            }
            catch (ModelLoadException ex)
            {
                throw new DaemonStartupException(ex.Message, ex);
            }
        });
        services.AddSingleton(sp => new BatchScheduler(
            sp.GetRequiredService<LlamaModel>(),
            new ContextOptions { ContextSize = options.ContextSize, MaxSequences = options.Concurrency, Threads = options.Threads },
            sp.GetRequiredService<ILogger<BatchScheduler>>()));
        services.AddSingleton<ITaskRunner>(sp => new KernelTaskRunner(
            sp.GetRequiredService<BatchScheduler>(),
            modelPath,
            sp.GetRequiredService<ToolCatalog>(),
            sp.GetRequiredService<IOptions<DaemonOptions>>(),
            sp.GetRequiredService<ILoggerFactory>()));
    }

    /// <summary>Reads and checks the options, throwing one exception that lists every wrong setting.</summary>
    internal static DaemonOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DaemonOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new DaemonStartupException($"A setting has a value of the wrong type: {ex.Message}", ex);
        }

        var result = new DaemonOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new DaemonStartupException("Invalid daemon settings: " + string.Join(" ", result.Failures));
        }

        return options;
    }

    private static void ConfigureConfiguration(ConfigurationManager configuration, DaemonHostSettings settings)
    {
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        });
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (settings.ConfigFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new DaemonStartupException($"The configuration file {file} does not exist.");
            }

            configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables("AGENTOS_");
        configuration.AddInMemoryCollection(settings.Overrides);
    }
}
