using System.CommandLine;
using AgentOS.Kernel.Runs;
using Spectre.Console;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos run "TASK"</c>: runs one task in this process on the default model (or <c>--model</c>) with the
/// built-in tools, showing each step live and the answer last. Exit code 0 when the model answered, 2 when the run
/// ended without an answer (a budget, a model failure), 130 when cancelled, 1 when it could not start (one line on
/// standard error).
/// </summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = "What the agent should do, e.g. \"What is 17*23?\"." };
        var model = new Option<string?>("--model") { Description = "The GGUF model (default: models/agentos-tiny.gguf).", HelpName = "PATH" };
        var tools = new Option<string?>("--tools") { Description = "Comma-separated tools the task may use (default: all).", HelpName = "a,b" };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Most assistant turns (default 8).", HelpName = "N" };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (default 0: greedy).", HelpName = "T" };
        var seed = new Option<uint?>("--seed") { Description = "Seed of the random draw when the temperature is above 0 (default 42).", HelpName = "S" };
        var json = new Option<bool>("--json") { Description = "Print the result (answer, steps, transcript) as JSON instead of live steps." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for decoding (default: the engine's, one per core).", HelpName = "N" };
        var command = new Command("run", "Run a task in-process: the model calls tools until it can answer.")
        {
            task, model, tools, maxSteps, temperature, seed, json, threads,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            parseResult.GetValue(task)!,
            parseResult.GetValue(model),
            parseResult.GetValue(tools),
            new AgentRunOptions
            {
                MaxSteps = parseResult.GetValue(maxSteps) ?? 8,
                Temperature = parseResult.GetValue(temperature) ?? 0,
                Seed = parseResult.GetValue(seed) ?? 42,
            },
            parseResult.GetValue(json),
            parseResult.GetValue(threads),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult, string task, string? modelPath, string? toolList, AgentRunOptions options, bool json, int? threads, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        if (string.IsNullOrWhiteSpace(task))
        {
            await error.WriteLineAsync("agentos: the task is empty.").ConfigureAwait(false);
            return 1;
        }

        if (threads is < 1)
        {
            await error.WriteLineAsync("agentos: --threads must be at least 1.").ConfigureAwait(false);
            return 1;
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException exception)
        {
            await error.WriteLineAsync($"agentos: {exception.ParamName}: {FirstLine(exception.Message)}").ConfigureAwait(false);
            return 1;
        }

        LocalAgent agent;
        AgentRunOptions runOptions;
        try
        {
            agent = await LocalAgent.OpenAsync(modelPath, AgentOSPaths.Resolve(parseResult).CreateToolsOptions(), threads, cancellationToken).ConfigureAwait(false);
        }
        catch (LocalAgentException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 1;
        }

        using (agent)
        {
            try
            {
                runOptions = options with { Policy = agent.PolicyFor(toolList) };
            }
            catch (LocalAgentException exception)
            {
                await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
                return 1;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var renderer = json ? null : new RunEventRenderer(console);
            var result = await agent.Runner.RunToEndAsync(task, runOptions, renderer is null ? null : renderer.Render, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await output.WriteLineAsync(AgentRunResultJson.ToJson(result)).ConfigureAwait(false);
            }

            return result.Outcome switch
            {
                RunOutcome.Answered => 0,
                RunOutcome.Cancelled => 130,
                _ => 2,
            };
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
