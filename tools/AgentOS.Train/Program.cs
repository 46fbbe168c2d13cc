using System.CommandLine;
using AgentOS.Train.Corpus;
using AgentOS.Train.Eval;
using AgentOS.Train.Model.Commands;

namespace AgentOS.Train;

/// <summary><c>agentos-train</c>: builds the project's own controller model (corpus, tokenizer, training, evaluation).</summary>
internal static class Program
{
    /// <summary>The command tree; each area adds its commands with one line here.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("agentos-train: generate the corpus, train agentos-tiny and evaluate it.");
        root.Subcommands.Add(CorpusCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BuildModelCommand.Create(BuildRootCommand));
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CopyDemoCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        return root;
    }

    private static Task<int> Main(string[] args) => BuildRootCommand().Parse(args).InvokeAsync();
}
