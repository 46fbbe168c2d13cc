namespace AgentOS.Daemon.Hosting;

/// <summary>Where the daemon keeps its data and socket when nothing else is configured.</summary>
public static class DaemonPaths
{
    /// <summary>The model the daemon runs when none is configured.</summary>
    public const string DefaultModelFileName = "agentos-tiny.gguf";

    /// <summary>
    /// <c>models/agentos-tiny.gguf</c> in the working folder, or in the nearest folder above the
    /// program's that has it (a build output inside a checkout finds the checkout's model); null when none.
    /// </summary>
    public static string? FindDefaultModel()
    {
        var candidate = Path.Combine(Environment.CurrentDirectory, "models", DefaultModelFileName);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            candidate = Path.Combine(folder.FullName, "models", DefaultModelFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The socket file name inside its folder.</summary>
    public const string SocketFileName = "agentos.sock";

    /// <summary>
    /// <c>$AGENTOS_HOME</c> when set; otherwise <c>$XDG_DATA_HOME/agentos</c>, or
    /// <c>~/.local/share/agentos</c>.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        if (Environment.GetEnvironmentVariable("AGENTOS_HOME") is { Length: > 0 } home)
        {
            return Path.GetFullPath(home);
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "agentos");
    }

    /// <summary>
    /// The socket both the daemon and the CLI use unless told otherwise: <c>$AGENTOS_SOCKET</c> when
    /// set; otherwise <c>$XDG_RUNTIME_DIR/agentos/agentos.sock</c> (a per-user folder systemd
    /// creates), or <c>agentos.sock</c> in <see cref="DefaultDataDirectory"/>.
    /// </summary>
    public static string DefaultSocketPath()
    {
        if (Environment.GetEnvironmentVariable("AGENTOS_SOCKET") is { Length: > 0 } socket)
        {
            return Path.GetFullPath(socket);
        }

        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            return Path.Combine(runtime, "agentos", SocketFileName);
        }

        return Path.Combine(DefaultDataDirectory(), SocketFileName);
    }
}
