using System.Runtime.CompilerServices;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>Folders of the checkout the tests were compiled from (the build output may live elsewhere).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Plugins => Path.Combine(Root, "plugins");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AgentOS.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The checkout's root (AgentOS.sln) was not found above " + sourceFile);
    }
}
