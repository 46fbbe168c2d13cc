namespace AgentOS.Daemon.Hosting;

/// <summary>
/// Keeps a second daemon off the same data folder: an exclusive lock on <c>daemon.lock</c> (.NET
/// takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix). The kernel drops the
/// lock when the process dies, however it dies, so a killed daemon never blocks the next one.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock.</summary>
    /// <exception cref="DaemonStartupException">Another process holds it, or the folder cannot be used.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "daemon.lock");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dataDirectory);
            }
            else
            {
                Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            file.Flush();
            return new DataDirectoryLock(file);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new DaemonStartupException(
                $"Another AgentOS daemon is using the data folder {dataDirectory} (it holds {path}); stop it first or give this one another --data.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"Cannot use the data folder {dataDirectory}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
