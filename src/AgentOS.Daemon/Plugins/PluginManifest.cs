using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentOS.Daemon.Plugins;

/// <summary>
/// A plugin's <c>plugin.json</c>. Common fields: <c>name</c>, <c>kind</c> (<c>dotnet</c>, <c>javascript</c>,
/// <c>mcp</c>), <c>description</c>, <c>capabilities</c> (what its tools need; a task must grant them).
/// dotnet: <c>assembly</c> (path of the .dll inside the plugin folder). javascript: <c>tools</c>, each
/// with <c>name</c>, <c>description</c>, <c>parameters</c> (JSON schema), <c>script</c>, <c>function</c>
/// and optional <c>capabilities</c>. mcp: <c>command</c>, <c>args</c>, <c>env</c>.
/// </summary>
public sealed partial record PluginManifest
{
    /// <summary>The manifest's file name inside a plugin folder.</summary>
    public const string FileName = "plugin.json";

    /// <summary>The plugin's name.</summary>
    public required string Name { get; init; }

    /// <summary>How it provides its tools.</summary>
    public required PluginKind Kind { get; init; }

    /// <summary>What it is, for people.</summary>
    public string? Description { get; init; }

    /// <summary>Capabilities all its tools need.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>dotnet: the assembly, relative to the plugin folder.</summary>
    public string? Assembly { get; init; }

    /// <summary>javascript: the tools.</summary>
    public IReadOnlyList<JsToolManifest> Tools { get; init; } = [];

    /// <summary>mcp: the server's executable.</summary>
    public string? Command { get; init; }

    /// <summary>mcp: its arguments.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>mcp: extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads and checks <c>plugin.json</c> in <paramref name="folder"/>.</summary>
    /// <exception cref="PluginException">It is missing, not JSON, or a field is missing or wrong.</exception>
    public static PluginManifest Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new PluginException($"{path} is missing: every plugin folder needs a plugin.json manifest.");
        }

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), ManifestJson);
        }
        catch (JsonException ex)
        {
            throw new PluginException($"{path} is not a valid manifest: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new PluginException($"{path} cannot be read: {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new PluginException($"{path} is empty.");
        }

        manifest.Validate(path);
        return manifest;
    }

    /// <summary>Tool and capability names: lowercase letters, digits and underscores (as the tool registry requires).</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    internal static partial Regex ToolNamePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9._-]*(:\S+)?$")]
    private static partial Regex CapabilityPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex PluginNamePattern();

    private static JsonSerializerOptions ManifestJson { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private void Validate(string path)
    {
        void Fail(string problem) => throw new PluginException($"{path}: {problem}");

        if (string.IsNullOrWhiteSpace(Name) || !PluginNamePattern().IsMatch(Name))
        {
            Fail("\"name\" must be letters, digits, '.', '_' or '-' (at most 64).");
        }

        foreach (var capability in Capabilities)
        {
            if (capability is null || !CapabilityPattern().IsMatch(capability))
            {
                Fail($"capability '{capability}' is not valid (network, process, fs.read, fs.read:/path, …).");
            }
        }

        switch (Kind)
        {
            case PluginKind.Dotnet when string.IsNullOrWhiteSpace(Assembly):
                Fail("a dotnet plugin needs \"assembly\": the path of its .dll inside the plugin folder.");
                break;
            case PluginKind.Javascript when Tools.Count == 0:
                Fail("a javascript plugin needs \"tools\": at least one tool with name, description, parameters, script and function.");
                break;
            case PluginKind.Javascript:
                foreach (var tool in Tools)
                {
                    tool.Validate(path);
                }

                break;
            case PluginKind.Mcp when string.IsNullOrWhiteSpace(Command):
                Fail("an mcp plugin needs \"command\": the server's executable.");
                break;
        }
    }
}
