namespace AgentOS.Kernel.ToolHosting;

/// <summary>
/// What one task may do with tools. Defaults are the values written on each property; <see cref="Validate"/>
/// enforces their ranges.
/// </summary>
public sealed class ToolPolicy
{
    /// <summary>Default <see cref="ToolTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultToolTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="MaxResultCharacters"/>.</summary>
    public const int DefaultMaxResultCharacters = 8_000;

    /// <summary>Default <see cref="MaxParallelCalls"/>.</summary>
    public const int DefaultMaxParallelCalls = 4;

    /// <summary>Names of the tools the task may call; null (the default) allows every registered tool.</summary>
    public IReadOnlySet<string>? AllowedTools { get; init; }

    /// <summary>
    /// Capabilities granted to the task (see <c>ToolCapabilities</c>); a tool needing one not granted is refused.
    /// <c>fs.read</c> covers every <c>fs.read:PATH</c>; <c>fs.read:/a</c> covers <c>fs.read:/a/b</c>. Default: none.
    /// </summary>
    public IReadOnlySet<string> GrantedCapabilities { get; init; } = new HashSet<string>();

    /// <summary>How long one call may run before it is cancelled and reported as a timeout (default 30 s).</summary>
    public TimeSpan ToolTimeout { get; init; } = DefaultToolTimeout;

    /// <summary>Longest result text the model sees; longer output is cut and marked as cut (default 8 000).</summary>
    public int MaxResultCharacters { get; init; } = DefaultMaxResultCharacters;

    /// <summary>How many calls of one turn run at the same time (default 4; 1 runs them one after another).</summary>
    public int MaxParallelCalls { get; init; } = DefaultMaxParallelCalls;

    /// <summary>The policy that allows every registered tool and grants no capability.</summary>
    public static ToolPolicy Default { get; } = new();

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ToolTimeout, TimeSpan.Zero, nameof(ToolTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResultCharacters, 100, nameof(MaxResultCharacters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelCalls, 1, nameof(MaxParallelCalls));
        ArgumentNullException.ThrowIfNull(GrantedCapabilities);
    }

    /// <summary>Whether the task may call a tool of this name (ignoring capabilities).</summary>
    public bool Allows(string toolName) => AllowedTools is null || AllowedTools.Contains(toolName);

    /// <summary>The first capability in <paramref name="needed"/> that this policy does not grant, or null.</summary>
    public string? MissingCapability(IEnumerable<string> needed)
    {
        ArgumentNullException.ThrowIfNull(needed);
        return needed.FirstOrDefault(capability => !GrantedCapabilities.Any(grant => Covers(grant, capability)));
    }

    /// <summary>Whether a granted capability covers a needed one (same name; a grant without scope, or a path prefix).</summary>
    internal static bool Covers(string grant, string needed)
    {
        if (string.Equals(grant, needed, StringComparison.Ordinal))
        {
            return true;
        }

        var (grantName, grantScope) = Split(grant);
        var (neededName, neededScope) = Split(needed);
        if (!string.Equals(grantName, neededName, StringComparison.Ordinal))
        {
            return false;
        }

        if (grantScope is null)
        {
            return true;
        }

        if (neededScope is null)
        {
            return false;
        }

        var prefix = grantScope.EndsWith('/') ? grantScope : grantScope + "/";
        return neededScope.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static (string Name, string? Scope) Split(string capability)
    {
        var colon = capability.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (capability, null) : (capability[..colon], capability[(colon + 1)..]);
    }
}
