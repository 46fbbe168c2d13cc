namespace AgentOS.Daemon.Tests.Support;

/// <summary>A fresh folder under /tmp, deleted at dispose. Short paths keep Unix socket paths under 108 bytes.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("aosd-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; /tmp is cleaned eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
