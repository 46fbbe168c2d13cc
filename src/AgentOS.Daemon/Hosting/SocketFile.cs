using System.Net.Sockets;

namespace AgentOS.Daemon.Hosting;

/// <summary>
/// Prepares the Unix socket's place before Kestrel binds and locks it down after. The socket lives
/// in a folder only its owner can enter (0700), so nobody else can reach it even in the instant
/// between bind and chmod; the socket itself is then made 0600 as well.
/// </summary>
internal static class SocketFile
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the folder (0700), refuses a path where another daemon answers, and removes a stale
    /// socket file a dead daemon left behind.
    /// </summary>
    /// <exception cref="DaemonStartupException">The folder cannot be made private or another daemon listens there.</exception>
    public static void Prepare(string socketPath)
    {
        var folder = Path.GetDirectoryName(socketPath)!;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
            else if ((File.GetUnixFileMode(folder) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                // A folder others can write to (like /tmp) would let them swap the socket: refuse it.
                throw new DaemonStartupException(
                    $"The socket folder {folder} is writable by other users; put the socket in a private folder (for example under $XDG_RUNTIME_DIR or your home).");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"Cannot create the socket folder {folder}: {ex.Message}", ex);
        }

        if (!File.Exists(socketPath) && !Directory.Exists(socketPath))
        {
            return;
        }

        if (IsListening(socketPath))
        {
            throw new DaemonStartupException(
                $"Another AgentOS daemon is already listening on {socketPath}; stop it first or give this one another --socket.");
        }

        try
        {
            File.Delete(socketPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"Cannot remove the stale socket file {socketPath}: {ex.Message}", ex);
        }
    }

    /// <summary>Makes the bound socket owner-only (0600).</summary>
    public static void Restrict(string socketPath)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socketPath, OwnerOnlyFile);
        }
    }

    /// <summary>True when something accepts connections on the socket.</summary>
    public static bool IsListening(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
