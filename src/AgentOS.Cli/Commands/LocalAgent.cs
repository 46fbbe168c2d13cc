using AgentOS.Abstractions;
using AgentOS.Daemon.Hosting;
using AgentOS.Inference;
using AgentOS.Kernel.Engine;
using AgentOS.Kernel.Runs;
using AgentOS.Kernel.ToolHosting;
using AgentOS.Native;
using AgentOS.Tools;
using Microsoft.Extensions.Logging;

namespace AgentOS.Cli.Commands;

/// <summary>
/// A model, the built-in tools and a runner in this process, for <c>agentos run</c> and <c>agentos eval</c>.
/// Problems the user can fix (no model, a bad model file, an unknown tool name) are a <see cref="LocalAgentException"/>
/// whose message is the one line to print.
/// </summary>
internal sealed class LocalAgent : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaAgentModel _agentModel;
    private readonly IReadOnlyList<ITool> _tools;

    private LocalAgent(LlamaModel model, LlamaAgentModel agentModel, IReadOnlyList<ITool> tools)
    {
        _model = model;
        _agentModel = agentModel;
        _tools = tools;
        Registry = new ToolRegistry(tools);
        Runner = new AgentRunner(agentModel, new ToolHost(Registry));
    }

    public ToolRegistry Registry { get; }

    public AgentRunner Runner { get; }

    public string ModelPath => _model.Path;

    /// <summary>
    /// Loads the model (<paramref name="modelPath"/>, else the default one) and creates the built-in tools;
    /// <paramref name="threads"/> null keeps the engine's default.
    /// </summary>
    /// <exception cref="LocalAgentException">No model, or one llama.cpp cannot load.</exception>
    public static async Task<LocalAgent> OpenAsync(string? modelPath, ToolsOptions toolsOptions, int? threads, CancellationToken cancellationToken)
    {
        var path = modelPath ?? DaemonPaths.FindDefaultModel()
            ?? throw new LocalAgentException(
                $"agentos: no model: models/{DaemonPaths.DefaultModelFileName} was not found in the working folder or above the program; pass --model PATH.");
        LlamaRuntime.Initialize(new LlamaRuntimeOptions { LoggerFactory = new LoggerFactory([new StandardErrorLoggerProvider()]) });
        LlamaModel model;
        try
        {
            model = await LlamaModel.LoadAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ModelLoadException exception)
        {
            throw new LocalAgentException($"agentos: {exception.Message}");
        }

        LlamaAgentModel? agentModel = null;
        try
        {
            agentModel = new LlamaAgentModel(model, new ContextOptions { Threads = threads });
            return new LocalAgent(model, agentModel, BuiltInTools.Create(toolsOptions));
        }
        catch
        {
            agentModel?.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>The policy for <c>--tools a,b</c> (null or empty: every tool).</summary>
    /// <exception cref="LocalAgentException">A name is not a registered tool.</exception>
    public ToolPolicy PolicyFor(string? toolList)
    {
        if (string.IsNullOrWhiteSpace(toolList))
        {
            return ToolPolicy.Default;
        }

        var names = toolList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.FirstOrDefault(n => !Registry.TryGet(n, out _));
        if (unknown is not null)
        {
            throw new LocalAgentException(
                $"agentos: unknown tool '{unknown}'; the tools are {string.Join(", ", Registry.Tools.Select(t => t.Definition.Name))}.");
        }

        return new ToolPolicy { AllowedTools = names };
    }

    public void Dispose()
    {
        foreach (var tool in _tools.OfType<IDisposable>())
        {
            tool.Dispose();
        }

        _agentModel.Dispose();
        _model.Dispose();
    }
}
