using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentOS.Daemon.Tests.Support;

/// <summary>
/// A small MCP server over stdio for the plugin tests: <c>Reverse-Text</c> (a name AgentOS must map to
/// <c>reverse_text</c>) and <c>exit_now</c>, which kills the server in the middle of a call.
/// <c>--die-at-start</c> exits before speaking the protocol.
/// </summary>
public static class FixtureMcpServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--die-at-start"))
        {
            await Console.Error.WriteLineAsync("fixture server: dying at start");
            return 1;
        }

        var tools = new McpServerPrimitiveCollection<McpServerTool>
        {
            McpServerTool.Create((string text) => new string(text.Reverse().ToArray()), new McpServerToolCreateOptions { Name = "Reverse-Text", Description = "Reverses a text." }),
            McpServerTool.Create(string () =>
            {
                Environment.Exit(3);
                return "unreachable";
            }, new McpServerToolCreateOptions { Name = "exit_now", Description = "Stops the server." }),
        };
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "fixture", Version = "1.0.0" },
            ToolCollection = tools,
        };
        await using var transport = new StdioServerTransport("fixture");
        await using var server = McpServer.Create(transport, options);
        await server.RunAsync();
        return 0;
    }
}
