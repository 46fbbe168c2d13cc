using System.CommandLine;

namespace AgentOS.Train.Tests.Eval;

/// <summary><c>agentos-train build-model</c> end to end on a tiny corpus: corpus, one training step, GGUF, evaluation.</summary>
public sealed class BuildModelCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("agentos-build-model-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task<string> BuildAsync(string name, params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = Path.Combine(directory, name);
        string[] args =
        [
            "build-model", "--seed", "1", "--train-episodes", "40", "--heldout-episodes", "6", "--steps", "1", "--short-context-steps", "0", "--average-last", "0",
            "--threads", "1", "--out", Path.Combine(root, "model.gguf"), "--work", Path.Combine(root, "work"), "--eval-set", Path.Combine(root, "eval"),
            .. extra,
        ];
        int exit = await Program.BuildRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exit == 0, error.ToString());
        return root;
    }

    [Fact]
    public async Task BuildModel_TrainingSeed_KeepsTheCorpusAndChangesTheWeights()
    {
        var first = await BuildAsync("seed-1");
        var second = await BuildAsync("training-seed-2", "--training-seed", "2");

        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "work", "corpus", "train.tokens")), File.ReadAllBytes(Path.Combine(second, "work", "corpus", "train.tokens")));
        Assert.Equal(File.ReadAllText(Path.Combine(first, "eval", "heldout.jsonl")), File.ReadAllText(Path.Combine(second, "eval", "heldout.jsonl")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "model.gguf")), File.ReadAllBytes(Path.Combine(second, "model.gguf")));
    }
}
