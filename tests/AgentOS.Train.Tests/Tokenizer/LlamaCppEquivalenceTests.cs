using System.Text;
using AgentOS.Inference;
using AgentOS.Train.Tokenizer;

namespace AgentOS.Train.Tests.Tokenizer;

/// <summary>Our tokenizer against llama.cpp's own, on the same vocabulary written into a GGUF.</summary>
public sealed class LlamaCppEquivalenceTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "What is 17 * 23? The calculator says 391.",
        "{\"name\": \"calculator\", \"arguments\": {\"expression\": \"(12 + 5) * 3\"}}",
        "Reverse the word \"lantern\". 'lantern'.split('').reverse().join('')",
        "According to marlow-bridge.md: \"The Marlow Bridge was built in 1887.\"",
        "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant\n<think>\nhm\n</think>\n\n<tool_call>\n{}\n</tool_call><|im_end|>",
        "<tool_response>\n{\"name\": \"js\", \"content\": \"\\\"abc\\\"\"}\n</tool_response>",
        "  leading and trailing spaces  ",
        "tabs\tand\r\nnewlines\n\n",
        "Grüße, ½ × 3 ≠ 2, 日本語, emoji 🦙",
        "<s> </s> <unk> <0x41> ▁▁ literal markers",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"agentos-tokenizer-{Guid.NewGuid():N}");
    private readonly SpmTokenizer _ours;
    private readonly LlamaModel _llama;

    public LlamaCppEquivalenceTests()
    {
        var pieces = PieceLearner.Learn(Texts.Concat(Texts.Select(t => t.ToUpperInvariant())), 400);
        _ours = new SpmTokenizer(Vocabulary.Create(pieces));
        _llama = LlamaModel.Load(VocabularyModelFile.Write(_ours.Vocabulary, _directory), new ModelOptions { VocabularyOnly = true });
    }

    [Fact]
    public void Encode_FixedTexts_EqualsLlamaCpp()
    {
        foreach (var text in Texts)
        {
            foreach (var parseSpecial in new[] { false, true })
            {
                Assert.Equal(_llama.Tokenizer.Tokenize(text, addBos: false, parseSpecial), _ours.Encode(text, parseSpecial));
            }
        }
    }

    [Fact]
    public void Encode_RandomTexts_EqualsLlamaCpp()
    {
        var random = new Random(99);
        var alphabet = string.Concat(Texts) + "0123456789 <>|/_";
        for (var n = 0; n < 2000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 60);
            for (var i = 0; i < length; i++)
            {
                builder.Append(random.Next(10) == 0 ? char.ConvertFromUtf32(random.Next(0xA0, 0x2FFF)) : alphabet[random.Next(alphabet.Length)].ToString());
            }

            var text = builder.ToString();
            var parseSpecial = n % 2 == 0;
            Assert.Equal(_llama.Tokenizer.Tokenize(text, addBos: false, parseSpecial), _ours.Encode(text, parseSpecial));
        }
    }

    [Fact]
    public void Gguf_SpecialTokensAndSettings_AreWhatLlamaCppReads()
    {
        var tokenizer = _llama.Tokenizer;
        var vocabulary = _ours.Vocabulary;

        Assert.Equal(vocabulary.Count, tokenizer.VocabularySize);
        Assert.Equal(Vocabulary.BosId, tokenizer.Bos);
        Assert.Equal(vocabulary.ImEndId, tokenizer.EndOfTurn);
        Assert.True(tokenizer.IsEndOfGeneration(vocabulary.ImEndId));
        foreach (var marker in SpecialTokens.ProtocolMarkers)
        {
            Assert.Equal(vocabulary.IdOf(marker), tokenizer.FindSpecialToken(marker));
        }

        Assert.Equal("true", _llama.Metadata.GetString("tokenizer.ggml.add_bos_token"));
        Assert.Equal("false", _llama.Metadata.GetString("tokenizer.ggml.add_space_prefix"));
        Assert.Equal(ChatTemplate.Hermes, _llama.Metadata.ChatTemplate);
    }

    [Fact]
    public void Decode_EqualsLlamaCppDetokenize()
    {
        foreach (var text in Texts)
        {
            var ids = _ours.Encode(text, parseSpecial: true);
            Assert.Equal(_llama.Tokenizer.Detokenize(ids, renderSpecial: true), _ours.Decode(ids, special: true));
        }
    }

    public void Dispose()
    {
        _llama.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
