using System.Diagnostics;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>Starts this test assembly as a helper process in one of the roles of <see cref="Program"/>.</summary>
public static class HelperProcess
{
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static string AssemblyPath => typeof(HelperProcess).Assembly.Location;

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
