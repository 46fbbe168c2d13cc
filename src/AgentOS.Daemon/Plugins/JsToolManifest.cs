using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentOS.Daemon.Plugins;

/// <summary>One tool of a JavaScript plugin: its definition and the function in its script that implements it.</summary>
public sealed partial record JsToolManifest
{
    /// <summary>The tool's name.</summary>
    public required string Name { get; init; }

    /// <summary>What it does, for the model.</summary>
    public required string Description { get; init; }

    /// <summary>The JSON schema of its arguments (an object schema).</summary>
    public JsonElement Parameters { get; init; }

    /// <summary>The script file, relative to the plugin folder.</summary>
    public required string Script { get; init; }

    /// <summary>The function the script defines; it receives the arguments object and returns the result.</summary>
    public required string Function { get; init; }

    /// <summary>Capabilities this tool needs besides the plugin's.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex IdentifierPattern();

    internal void Validate(string manifestPath)
    {
        void Fail(string problem) => throw new PluginException($"{manifestPath}: tool '{Name}': {problem}");

        if (string.IsNullOrWhiteSpace(Name) || !PluginManifest.ToolNamePattern().IsMatch(Name))
        {
            Fail("\"name\" must be lowercase letters, digits and underscores, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            Fail("\"description\" is required: the model reads it to decide when to call the tool.");
        }

        if (Parameters.ValueKind != JsonValueKind.Object
            || !Parameters.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            Fail("\"parameters\" must be a JSON schema with \"type\": \"object\".");
        }

        if (string.IsNullOrWhiteSpace(Script))
        {
            Fail("\"script\" is required.");
        }

        if (string.IsNullOrWhiteSpace(Function) || !IdentifierPattern().IsMatch(Function))
        {
            Fail("\"function\" must be the name of a function the script defines.");
        }
    }
}
