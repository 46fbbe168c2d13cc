using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using AgentOS.Tools;

namespace AgentOS.Cli.Commands;

/// <summary><c>agentos tools [--json]</c>: lists the built-in tools with their descriptions and argument schemas.</summary>
public static class ToolsCommand
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the <c>tools</c> command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {name, description, parameters, capabilities}." };
        var command = new Command("tools", "List the tools with their argument schemas.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var tools = BuiltInTools.Create(AgentOSPaths.Resolve(parseResult).CreateToolsOptions());
            try
            {
                if (parseResult.GetValue(json))
                {
                    var list = tools.Select(t => new
                    {
                        name = t.Definition.Name,
                        description = t.Definition.Description,
                        parameters = t.Definition.ParametersSchema,
                        capabilities = t.Definition.Capabilities,
                    });
                    await output.WriteLineAsync(JsonSerializer.Serialize(list, Indented).AsMemory(), cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                foreach (var tool in tools)
                {
                    await output.WriteLineAsync($"{tool.Definition.Name}\n  {tool.Definition.Description}").ConfigureAwait(false);
                    var schema = JsonSerializer.Serialize(tool.Definition.ParametersSchema, Indented);
                    await output.WriteLineAsync("  arguments: " + schema.ReplaceLineEndings("\n  ")).ConfigureAwait(false);
                    await output.WriteLineAsync().ConfigureAwait(false);
                }

                return 0;
            }
            finally
            {
                foreach (var disposable in tools.OfType<IDisposable>())
                {
                    disposable.Dispose();
                }
            }
        });
        return command;
    }
}
