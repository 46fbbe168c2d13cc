namespace AgentOS.Daemon.Plugins;

/// <summary>A plugin cannot be loaded; the message says why in one sentence, for the plugin report.</summary>
public sealed class PluginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying error.</summary>
    public PluginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message; prefer the overloads that explain.</summary>
    public PluginException()
        : base("The plugin cannot be loaded.")
    {
    }
}
