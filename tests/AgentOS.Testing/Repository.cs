using System.Runtime.CompilerServices;

namespace AgentOS.Testing;

/// <summary>
/// Files of the checkout the tests were compiled from, wherever the build output lies: the committed default model,
/// its held-out evaluation set, the sample plugins.
/// </summary>
public static class Repository
{
    /// <summary>The checkout's root folder (the one with <c>AgentOS.sln</c>).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>models/agentos-tiny.gguf</c>: the default model.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "agentos-tiny.gguf");

    /// <summary><c>models/eval/heldout.jsonl</c>: the held-out transcripts the model card's scores come from.</summary>
    public static string HeldOutSet => Path.Combine(Root, "models", "eval", "heldout.jsonl");

    /// <summary><c>models/eval/documents</c>: the collection the held-out retrieval tasks ask about.</summary>
    public static string EvalDocuments => Path.Combine(Root, "models", "eval", "documents");

    /// <summary><c>plugins/</c>: the sample plugins.</summary>
    public static string Plugins => Path.Combine(Root, "plugins");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AgentOS.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The checkout's root (AgentOS.sln) was not found above " + sourceFile);
    }
}
