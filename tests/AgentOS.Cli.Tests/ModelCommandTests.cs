using System.CommandLine;
using System.Text.Json;
using AgentOS.Inference.Gguf;
using AgentOS.Testing;

namespace AgentOS.Cli.Tests;

/// <summary><c>agentos model info</c>, run in-process on the generated model and on files that are not models.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentos-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Info_TinyModel_PrintsWhatAUserNeedsToKnow()
    {
        var (exitCode, output, error) = Run("model", "info", TestModels.TinyLlamaPath);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Architecture:   llama", output, StringComparison.Ordinal);
        Assert.Contains("Context length: 8192", output, StringComparison.Ordinal);
        Assert.Contains("Vocabulary:     362 tokens, tokenizer llama (SentencePiece)", output, StringComparison.Ordinal);
        Assert.Contains("File type:      F32", output, StringComparison.Ordinal);
        Assert.Matches(@"Chat template:  [\d,]+ characters, tool calls in the hermes format", output);
        Assert.Contains("  {% for message in messages %}", output, StringComparison.Ordinal);
        Assert.Contains("Special tokens: 11", output, StringComparison.Ordinal);
        Assert.Matches(@"Parameters:\s+120,384 ", output);
        Assert.Matches(@"355\s+<\|im_end\|>\s+control\s+eos, eot", output);
        foreach (var token in TestModels.SpecialTokens)
        {
            Assert.Contains(token, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Info_Json_IsAParsableDocumentWithTheSameFacts()
    {
        var (exitCode, output, _) = Run("model", "info", "--json", TestModels.TinyLlamaPath);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("llama", root.GetProperty("architecture").GetString());
        Assert.Equal(120_384, root.GetProperty("parameters").GetInt64());
        Assert.Equal(8192, root.GetProperty("contextLength").GetInt64());
        Assert.Equal(362, root.GetProperty("vocabularySize").GetInt32());
        Assert.Equal("llama", root.GetProperty("tokenizer").GetString());
        Assert.Equal("F32", root.GetProperty("fileType").GetString());
        Assert.Equal(GgufChatTemplates.ChatML, root.GetProperty("chatTemplate").GetString());
        Assert.Equal("hermes", root.GetProperty("toolCallFormat").GetString());
        var imEnd = root.GetProperty("specialTokens").EnumerateArray().Single(t => t.GetProperty("text").GetString() == "<|im_end|>");
        Assert.Equal(355, imEnd.GetProperty("id").GetInt32());
        Assert.Equal("control", imEnd.GetProperty("type").GetString());
        Assert.Equal(["eos", "eot"], imEnd.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void Info_TextFile_PrintsOneLineAndFails()
    {
        var path = Path.Combine(_directory, "hostname");
        File.WriteAllText(path, "buildhost\n");

        AssertOneLineFailure(Run("model", "info", path), $"agentos: {path}: not a GGUF file");
    }

    [Fact]
    public void Info_MissingFile_PrintsOneLineAndFails()
    {
        var path = Path.Combine(_directory, "missing.gguf");

        AssertOneLineFailure(Run("model", "info", path), $"agentos: {path}: file not found");
    }

    [Fact]
    public void Info_EmptyFile_PrintsOneLineAndFails()
    {
        var path = Path.Combine(_directory, "empty.gguf");
        File.WriteAllBytes(path, []);

        AssertOneLineFailure(Run("model", "info", path), $"agentos: {path}: the file is empty");
    }

    [Fact]
    public void Info_TruncatedModel_PrintsOneLineAndFails()
    {
        var path = Path.Combine(_directory, "truncated.gguf");
        var bytes = File.ReadAllBytes(TestModels.TinyLlamaPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        AssertOneLineFailure(Run("model", "info", path), $"agentos: {path}: tensor '");
    }

    [Fact]
    public void Info_Directory_PrintsOneLineAndFails() =>
        AssertOneLineFailure(Run("model", "info", _directory), $"agentos: {_directory}: is a directory");

    private static void AssertOneLineFailure((int ExitCode, string Output, string Error) result, string expectedStart)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
