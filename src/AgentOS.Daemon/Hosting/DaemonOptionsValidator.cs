using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace AgentOS.Daemon.Hosting;

/// <summary>Checks <see cref="DaemonOptions"/> when the daemon starts, naming each wrong setting and its allowed range.</summary>
public sealed class DaemonOptionsValidator : IValidateOptions<DaemonOptions>
{
    /// <summary>Longest Unix socket path Linux accepts (sun_path is 108 bytes with the terminating zero).</summary>
    public const int MaxSocketPathBytes = 107;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DaemonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Range(errors, "ContextSize", options.ContextSize, 256, 1 << 20);
        Range(errors, "Concurrency", options.Concurrency, 1, 64);
        Range(errors, "MaxSteps", options.MaxSteps, 1, 1000);
        Range(errors, "MaxTokens", options.MaxTokens, 1, 1 << 20);
        Range(errors, "TaskTimeoutSeconds", options.TaskTimeoutSeconds, 1, 86_400);
        Range(errors, "ToolTimeoutSeconds", options.ToolTimeoutSeconds, 1, 3600);
        Range(errors, "DatabaseBusyTimeoutSeconds", options.DatabaseBusyTimeoutSeconds, 1, 600);
        if (options.Threads is { } threads)
        {
            Range(errors, "Threads", threads, 1, 1024);
        }

        if (options.GpuLayers is { } layers)
        {
            Range(errors, "GpuLayers", layers, 0, 10_000);
        }

        if (options.Model is { Length: > 0 } model && !File.Exists(model))
        {
            errors.Add($"Model: the file '{model}' does not exist.");
        }

        var socket = options.ResolvedSocketPath;
        if (Encoding.UTF8.GetByteCount(socket) > MaxSocketPathBytes)
        {
            errors.Add($"Socket: the path '{socket}' is longer than the {MaxSocketPathBytes} bytes a Unix socket path may have; choose a shorter one.");
        }

        if (options.TcpPort is { } port)
        {
            Range(errors, "TcpPort", port, 1, 65_535);
            if (options.TcpToken is not { Length: >= 16 })
            {
                errors.Add("TcpToken: a TCP listener needs a bearer token of at least 16 characters (set TcpToken, or leave TcpPort unset).");
            }

            if (!IPAddress.TryParse(options.TcpAddress, out _))
            {
                errors.Add($"TcpAddress: '{options.TcpAddress}' is not an IP address.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name}: {value} is out of range ({min} to {max}).");
        }
    }
}
