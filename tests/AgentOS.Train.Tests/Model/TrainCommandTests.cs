using System.CommandLine;
using AgentOS.Inference;
using AgentOS.Inference.Gguf;
using AgentOS.Train.Model;
using AgentOS.Train.Model.Commands;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Model;

/// <summary><c>agentos-train train</c> end to end: token files and a vocabulary in, a GGUF llama.cpp loads out.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("agentos-train-command-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { TrainCommand.Create() };
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private Vocabulary WriteInputs()
    {
        var vocabulary = Vocabulary.Create(["ab", "abc"]);
        vocabulary.Save(PathOf("vocabulary.json"));
        var config = new ModelConfig(vocabulary.Count, 16, 1, 2, 24, 64);
        TrainingDataFile.Write(PathOf("train.tokens"), TinyModels.WithSharedPrefix(config, 1, 10, 20, 25, 30, 18, 22, 27));
        TrainingDataFile.Write(PathOf("heldout.tokens"), TinyModels.WithSharedPrefix(config, 2, 10, 21, 24));
        File.WriteAllText(PathOf("template.jinja"), GgufChatTemplates.ChatML);
        return vocabulary;
    }

    [Fact]
    public void Train_TokenFilesAndVocabulary_WritesGgufThatLlamaCppLoads()
    {
        var vocabulary = WriteInputs();
        var (exit, output, error) = Run(
            "train", "--train", PathOf("train.tokens"), "--validation", PathOf("heldout.tokens"), "--vocabulary", PathOf("vocabulary.json"),
            "--chat-template", PathOf("template.jinja"), "--out", PathOf("model.gguf"), "--layers", "1", "--dim", "16", "--heads", "2", "--ffn", "24",
            "--steps", "3", "--batch-tokens", "64", "--checkpoint", PathOf("run.ckpt"), "--metrics", PathOf("metrics.csv"));

        Assert.True(exit == 0, error);
        Assert.Contains("Wrote", output, StringComparison.Ordinal);
        Assert.True(File.Exists(PathOf("run.ckpt")));
        using var model = LlamaModel.Load(PathOf("model.gguf"));
        Assert.Equal(vocabulary.Count, model.Tokenizer.VocabularySize);
        Assert.Equal(GgufChatTemplates.ChatML, model.Metadata.ChatTemplate);
        Assert.Equal(vocabulary.ImEndId, model.Tokenizer.EndOfTurn);
        Assert.True(model.Tokenizer.IsEndOfGeneration(vocabulary.ImEndId));
    }

    [Fact]
    public void Train_ResumeFromFinishedCheckpoint_WritesTheSameModel()
    {
        WriteInputs();
        string[] common =
        [
            "train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--layers", "1", "--dim", "16", "--heads", "2",
            "--ffn", "24", "--steps", "4", "--batch-tokens", "64", "--checkpoint", PathOf("run.ckpt"),
        ];
        Assert.Equal(0, Run([.. common, "--out", PathOf("first.gguf")]).Exit);
        Assert.Equal(0, Run([.. common, "--out", PathOf("second.gguf"), "--resume"]).Exit);
        Assert.Equal(File.ReadAllBytes(PathOf("first.gguf")), File.ReadAllBytes(PathOf("second.gguf")));
    }

    [Fact]
    public void Train_MissingTokenFile_OneLineErrorAndExitCode1()
    {
        WriteInputs();
        var (exit, _, error) = Run("train", "--train", PathOf("none.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"));
        Assert.Equal(1, exit);
        Assert.StartsWith("agentos-train: Training data", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("model.gguf")));
    }

    [Fact]
    public void Train_DamagedTokenFile_OneLineErrorAndExitCode1()
    {
        WriteInputs();
        var bytes = File.ReadAllBytes(PathOf("train.tokens"));
        File.WriteAllBytes(PathOf("train.tokens"), bytes[..(bytes.Length - 7)]);
        var (exit, _, error) = Run("train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"));
        Assert.Equal(1, exit);
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_VocabularySmallerThanTokenIds_OneLineError()
    {
        WriteInputs();
        TrainingDataFile.Write(PathOf("train.tokens"), [new TrainingSequence([1, 5000, 7], [false, true, true])]);
        var (exit, _, error) = Run("train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"), "--dim", "16", "--heads", "2");
        Assert.Equal(1, exit);
        Assert.Contains("outside the vocabulary", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("last.gguf", "0", "--last-step-out needs --average-last")]
    [InlineData("model.gguf", "2", "--last-step-out and --out name the same file")]
    public void Train_LastStepOutWithoutAveragingOrOnOut_RefusesBeforeTraining(string lastStepFile, string averageLast, string expectedError)
    {
        WriteInputs();
        var (exit, _, error) = Run(
            "train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"),
            "--last-step-out", PathOf(lastStepFile), "--average-last", averageLast, "--steps", "3", "--dim", "16", "--heads", "2", "--checkpoint", PathOf("run.ckpt"));
        Assert.Equal(2, exit);
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("run.ckpt")), "no step may run before the options are refused");
        Assert.False(File.Exists(PathOf("model.gguf")));
        Assert.False(File.Exists(PathOf(lastStepFile)));
    }

    [Fact]
    public void Train_LastStepOutWithAveraging_WritesBothModelsAndTheyDiffer()
    {
        WriteInputs();
        var (exit, output, error) = Run(
            "train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"),
            "--last-step-out", PathOf("last.gguf"), "--average-last", "2", "--steps", "3", "--batch-tokens", "64",
            "--layers", "1", "--dim", "16", "--heads", "2", "--ffn", "24");
        Assert.True(exit == 0, error);
        Assert.Contains("last step's weights", output, StringComparison.Ordinal);
        using var averaged = LlamaModel.Load(PathOf("model.gguf"));
        using var lastStep = LlamaModel.Load(PathOf("last.gguf"));
        Assert.Equal(averaged.Tokenizer.VocabularySize, lastStep.Tokenizer.VocabularySize);
        Assert.NotEqual(File.ReadAllBytes(PathOf("model.gguf")), File.ReadAllBytes(PathOf("last.gguf")));
    }

    [Fact]
    public void Train_ResumeWithoutCheckpoint_Refuses()
    {
        WriteInputs();
        var (exit, _, error) = Run("train", "--train", PathOf("train.tokens"), "--vocabulary", PathOf("vocabulary.json"), "--out", PathOf("model.gguf"), "--resume", "--dim", "16", "--heads", "2");
        Assert.Equal(2, exit);
        Assert.Contains("--resume needs --checkpoint", error, StringComparison.Ordinal);
    }
}
