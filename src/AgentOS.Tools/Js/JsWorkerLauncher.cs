using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AgentOS.Abstractions;

namespace AgentOS.Tools.Js;

/// <summary>
/// Knows how to start a worker: <c>prlimit --as=N --core=0 -- DOTNET AgentOS.Tools.JsWorker.dll</c>, with an
/// empty environment apart from the runtime settings the worker needs. prlimit (util-linux) applies
/// RLIMIT_AS before the runtime starts, so the .NET runtime sizes itself inside the limit.
/// </summary>
internal sealed class JsWorkerLauncher
{
    public const string WorkerFileName = "AgentOS.Tools.JsWorker.dll";

    private readonly JsToolOptions _options;
    private readonly Lazy<(string Prlimit, string Dotnet, string Worker)> _paths;

    public JsWorkerLauncher(JsToolOptions options)
    {
        _options = options;
        _paths = new Lazy<(string, string, string)>(FindPaths);
    }

    public ProcessStartInfo CreateStartInfo()
    {
        var (prlimit, dotnet, worker) = _paths.Value;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(prlimit)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add($"--as={_options.WorkerAddressSpaceBytes.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--core=0");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(worker);

        // Nothing of the host's environment (tokens, paths, user settings) reaches the process that runs
        // untrusted code; it gets only what the runtime needs.
        start.Environment.Clear();
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + _options.WorkerHeapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        // W^X maps JIT code twice, which roughly doubles the address space the runtime needs; the worker
        // interprets scripts and JITs only its own code, so the hardening buys little and costs the limit.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            start.Environment["DOTNET_ROOT"] = root;
        }

        return start;
    }

    private (string, string, string) FindPaths()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ToolException(ToolErrorCode.InternalError, "the js tool runs scripts in a Linux worker process with OS limits; this system is not Linux");
        }

        var prlimit = FindOnPath("prlimit")
            ?? throw new ToolException(ToolErrorCode.InternalError, "the js tool needs the prlimit command (util-linux) to limit its worker process, and it was not found");
        return (prlimit, FindDotnet(), FindWorker());
    }

    private string FindWorker()
    {
        if (_options.WorkerPath is { } configured)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new ToolException(ToolErrorCode.InternalError, $"the JavaScript worker {configured} does not exist");
        }

        var candidates = new[]
        {
            Path.GetDirectoryName(typeof(JsWorkerLauncher).Assembly.Location),
            AppContext.BaseDirectory,
        };
        foreach (var directory in candidates.Where(d => !string.IsNullOrEmpty(d)))
        {
            var path = Path.Combine(directory!, WorkerFileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new ToolException(ToolErrorCode.InternalError,
            $"the JavaScript worker {WorkerFileName} was not found next to AgentOS.Tools.dll ({AppContext.BaseDirectory}); rebuild the project that references AgentOS.Tools");
    }

    // The dotnet host that runs this process: <root>/shared/Microsoft.NETCore.App/<version>/ is the runtime
    // directory, and <root>/dotnet the host.
    private static string FindDotnet()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var fromRuntime = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "..", "dotnet"));
        if (File.Exists(fromRuntime))
        {
            return fromRuntime;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return FindOnPath("dotnet")
            ?? throw new ToolException(ToolErrorCode.InternalError, "the js tool could not find the dotnet host to start its worker");
    }

    private static string? FindOnPath(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/bin", "/usr/local/bin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
