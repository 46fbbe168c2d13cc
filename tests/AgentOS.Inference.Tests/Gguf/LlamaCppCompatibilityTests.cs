using System.Runtime.InteropServices;
using System.Text;
using AgentOS.Inference.Gguf;
using AgentOS.Native;
using AgentOS.Testing;

namespace AgentOS.Inference.Tests.Gguf;

/// <summary>The generated GGUFs load in the real llama.cpp and mean there what the writer meant.</summary>
public sealed class LlamaCppCompatibilityTests : IDisposable
{
    private readonly SafeLlamaModelHandle _model;

    public LlamaCppCompatibilityTests()
    {
        LlamaRuntime.Initialize();
        _model = Load(TestModels.TinyLlamaPath);
    }

    public void Dispose() => _model.Dispose();

    [Fact]
    public void TinyModel_Loads_WithTheShapeTheBuilderWrote()
    {
        var spec = TestModelSpec.Tiny;
        var builder = TestModels.CreateBuilder(spec);

        Assert.Equal((ulong)builder.ParameterCount, _model.ParameterCount);
        Assert.Equal(spec.ContextLength, _model.TrainedContextLength);
        Assert.Equal(spec.EmbeddingLength, _model.EmbeddingLength);
        Assert.Equal(spec.BlockCount, _model.LayerCount);
        Assert.Equal(spec.HeadCount, _model.HeadCount);
        Assert.Equal(spec.HeadCountKv, _model.KvHeadCount);
        Assert.Equal(builder.Vocabulary.Count, _model.Vocabulary.Count);
        Assert.Equal(GgufChatTemplates.ChatML, _model.GetChatTemplate());
    }

    [Fact]
    public void TinyModel_ImEnd_IsEndOfSequenceAndEndOfTurn()
    {
        var imEnd = TestModels.CreateVocabulary().GetId("<|im_end|>");
        var vocabulary = _model.Vocabulary;

        Assert.Equal(imEnd, vocabulary.Eos);
        Assert.Equal(imEnd, vocabulary.Eot);
        Assert.True(vocabulary.IsEndOfGeneration(imEnd));
        Assert.False(vocabulary.AddsBos);
    }

    [Fact]
    public void TinyModel_SpecialTokens_AreSingleTokensOnlyWhenSpecialParsingIsOn()
    {
        var ids = TestModels.CreateVocabulary();
        foreach (var special in TestModels.SpecialTokens)
        {
            var parsed = _model.Vocabulary.Tokenize(special, addSpecial: false, parseSpecial: true);
            var plain = _model.Vocabulary.Tokenize(special, addSpecial: false, parseSpecial: false);

            Assert.Equal([ids.GetId(special)], parsed);
            Assert.True(_model.Vocabulary.IsControl(parsed[0]));
            Assert.Equal(special.Length, plain.Length);
            Assert.Equal(special, _model.Vocabulary.Detokenize(plain, removeSpecial: false, renderSpecial: false));
        }
    }

    [Theory]
    [InlineData("Hello, world!")]
    [InlineData("  two leading spaces, a tab\tand a newline\n")]
    [InlineData("<tool_call>\n{\"name\": \"calculator\", \"arguments\": {\"expression\": \"17*23\"}}\n</tool_call>")]
    [InlineData("Grüße, 東京, 🙂 — bytes beyond ASCII")]
    public void TinyModel_Text_RoundTripsThroughTokens(string text)
    {
        var tokens = _model.Vocabulary.Tokenize(text, addSpecial: true, parseSpecial: false);

        Assert.Equal(text, _model.Vocabulary.Detokenize(tokens, removeSpecial: false, renderSpecial: false));
    }

    [Fact]
    public void TinyModel_NonAsciiText_FallsBackToByteTokens()
    {
        var tokens = _model.Vocabulary.Tokenize("é", addSpecial: false, parseSpecial: false);
        var bytes = TestModels.CreateVocabulary();

        Assert.Equal([bytes.GetId("<0xC3>"), bytes.GetId("<0xA9>")], tokens);
    }

    [Theory]
    [InlineData("What is", " 17*23?")]
    [InlineData("<|im_start|>user\nhi", "<|im_end|>\n<|im_start|>assistant\n")]
    public void TinyModel_TokenizingInPieces_EqualsTokenizingWhole(string first, string second)
    {
        var vocabulary = _model.Vocabulary;
        var whole = vocabulary.Tokenize(first + second, addSpecial: false, parseSpecial: true);
        var pieces = vocabulary.Tokenize(first, addSpecial: false, parseSpecial: true)
            .Concat(vocabulary.Tokenize(second, addSpecial: false, parseSpecial: true));

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void F16Model_Loads()
    {
        using var model = Load(TestModels.Create(TestModelSpec.Tiny with { MatrixType = GgufTensorType.F16 }));

        Assert.Equal("F16", GgufModelSummary.From(GgufFile.Read(TestModels.Create(TestModelSpec.Tiny with { MatrixType = GgufTensorType.F16 }))).FileType);
        Assert.Equal(TestModelSpec.Tiny.EmbeddingLength, model.EmbeddingLength);
    }

    [Fact]
    public unsafe void FileSavedByLlamaCpp_ReadsBackWithTheSameTensors()
    {
        var directory = Directory.CreateTempSubdirectory("agentos-gguf-saved-").FullName;
        try
        {
            var saved = Path.Combine(directory, "saved.gguf");
            var save = (delegate* unmanaged[Cdecl]<IntPtr, byte*, void>)LlamaExport("llama_model_save_to_file");
            fixed (byte* path = Encoding.UTF8.GetBytes(saved + "\0"))
            {
                save(_model.DangerousGetHandle(), path);
            }

            var original = GgufFile.Read(TestModels.TinyLlamaPath);
            var copy = GgufFile.Read(saved);
            using var originalStream = File.OpenRead(TestModels.TinyLlamaPath);
            using var copyStream = File.OpenRead(saved);

            Assert.Equal(original.Tensors.Select(t => t.Name).Order(), copy.Tensors.Select(t => t.Name).Order());
            foreach (var tensor in original.Tensors)
            {
                var other = copy.FindTensor(tensor.Name)!;
                Assert.Equal(tensor.Dimensions, other.Dimensions);
                Assert.Equal(tensor.Type, other.Type);
                Assert.Equal(original.ReadTensorBytes(originalStream, tensor), copy.ReadTensorBytes(copyStream, other));
            }

            Assert.Equal(original.Metadata.GetArray<string>(GgufKeys.Tokens), copy.Metadata.GetArray<string>(GgufKeys.Tokens));
            Assert.Equal(original.Metadata.GetArray<int>(GgufKeys.TokenTypes), copy.Metadata.GetArray<int>(GgufKeys.TokenTypes));
            Assert.Equal("llama", copy.Metadata.GetString(GgufKeys.Architecture));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SafeLlamaModelHandle Load(string path) => SafeLlamaModelHandle.LoadFromFile(path, LlamaModelParams.CreateDefault());

    /// <summary>An export of the libllama the runtime loaded, for a function the binding does not declare.</summary>
    private static IntPtr LlamaExport(string name)
    {
        var library = Directory.GetFiles(LlamaRuntime.NativeDirectory, "libllama.*so")
            .Single(f => !Path.GetFileName(f).StartsWith("libllama-", StringComparison.Ordinal));
        return NativeLibrary.GetExport(NativeLibrary.Load(library), name);
    }
}
