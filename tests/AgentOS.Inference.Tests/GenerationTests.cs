namespace AgentOS.Inference.Tests;

public sealed class GenerationTests
{
    private const string Prompt = "<|im_start|>user\nWhat is 17*23?<|im_end|>\n<|im_start|>assistant\n";

    private static readonly SamplingOptions Greedy16 = new() { Temperature = 0, MaxTokens = 16 };

    [Fact]
    public void Generate_Greedy_IsDeterministic()
    {
        var first = GenerateFresh(Greedy16);
        var second = GenerateFresh(Greedy16);

        Assert.Equal(16, first.Tokens.Count);
        Assert.Equal(FinishReason.MaxTokens, first.FinishReason);
        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public void Generate_Greedy_PicksTheLargestLogitEachStep()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));

        for (var step = 0; step < 4; step++)
        {
            var logits = sequence.GetLogits();
            var expected = Array.IndexOf(logits, logits.Max());
            using var sampler = new SamplingPipeline(TinyModel.Tokenizer, SamplingOptions.Greedy);

            Assert.Equal(expected, sampler.Sample(sequence));
            sequence.Append(expected);
        }
    }

    [Fact]
    public void Generate_SameSeed_ReproducesTokens()
    {
        var options = new SamplingOptions { Temperature = 1.5f, TopK = 0, TopP = 1, MinP = 0, Seed = 42, MaxTokens = 24, BannedTokens = [TinyModel.Token("<|im_end|>")] };

        var first = GenerateFresh(options);
        var second = GenerateFresh(options);
        options.Seed = 43;
        var otherSeed = GenerateFresh(options);

        Assert.Equal(first.Tokens, second.Tokens);
        Assert.NotEqual(first.Tokens, otherSeed.Tokens);
    }

    [Fact]
    public void Generate_Grammar_ConfinesOutputToYesOrNo()
    {
        var outputs = new HashSet<string>();
        for (uint seed = 1; seed <= 6; seed++)
        {
            var result = GenerateFresh(new SamplingOptions { Grammar = "root ::= \"yes\" | \"no\"", Temperature = 2f, TopK = 0, TopP = 1, MinP = 0, Seed = seed, MaxTokens = 10 });

            Assert.True(result.Text is "yes" or "no", result.Text);
            Assert.Equal(FinishReason.EndOfGeneration, result.FinishReason);
            outputs.Add(result.Text);
        }

        Assert.NotEmpty(outputs);
    }

    [Fact]
    public void Generate_InvalidGrammar_ThrowsArgumentException()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();

        var ex = Assert.Throws<ArgumentException>(() => sequence.Generate(new SamplingOptions { Grammar = "root ::= (\"unclosed\"" }));

        Assert.Contains("grammar", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Generate_LazyGrammarWithoutTrigger_IsUnconstrained()
    {
        var toolCall = TinyModel.Token("<tool_call>");
        var free = GenerateFresh(new SamplingOptions { Temperature = 0, MaxTokens = 12, BannedTokens = [toolCall] });

        var lazy = GenerateFresh(new SamplingOptions
        {
            Temperature = 0,
            MaxTokens = 12,
            BannedTokens = [toolCall],
            Grammar = "root ::= \"<tool_call>\" \"7\"+",
            GrammarTriggerTokens = [toolCall],
        });

        Assert.Equal(free.Tokens, lazy.Tokens);
        Assert.DoesNotMatch("^7+$", free.Text);
    }

    [Fact]
    public void Generate_LazyGrammarTriggerToken_ConstrainsEverythingAfterIt()
    {
        var toolCall = TinyModel.Token("<tool_call>");

        // The bias forces the trigger as the first token; from then on the grammar allows only sevens.
        var result = GenerateFresh(new SamplingOptions
        {
            Temperature = 0,
            MaxTokens = 8,
            LogitBias = new Dictionary<int, float> { [toolCall] = 1000f },
            Grammar = "root ::= \"<tool_call>\" \"7\"+",
            GrammarTriggerTokens = [toolCall],
        });

        Assert.Equal(toolCall, result.Tokens[0]);
        Assert.Matches("^<tool_call>7+$", result.Text);
    }

    [Fact]
    public void Sample_LazyGrammarForcedTriggerAfterFreeText_ConstrainsOnlyAfterTrigger()
    {
        var toolCall = TinyModel.Token("<tool_call>");
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));
        using var lazy = new SamplingPipeline(TinyModel.Tokenizer, new SamplingOptions
        {
            Temperature = 0,
            BannedTokens = [toolCall],
            Grammar = "root ::= \"<tool_call>\" [0-9]+",
            GrammarTriggerTokens = [toolCall],
        });

        // Before the trigger the lazy grammar masks nothing: greedy picks the best logit (the trigger is banned).
        for (var i = 0; i < 5; i++)
        {
            var logits = sequence.GetLogits();
            logits[toolCall] = float.NegativeInfinity;
            var expected = Array.IndexOf(logits, logits.Max());
            var actual = lazy.Sample(sequence);
            Assert.Equal(expected, actual);
            sequence.Append(actual);
        }

        // The runtime writes the trigger itself (as the kernel does when it opens a tool call).
        lazy.Accept(toolCall);
        sequence.Append(toolCall);
        var digits = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var token = lazy.Sample(sequence);
            if (TinyModel.Tokenizer.IsEndOfGeneration(token))
            {
                break;
            }

            digits.Add(token);
            sequence.Append(token);
        }

        Assert.NotEmpty(digits);
        Assert.Matches("^[0-9]+$", TinyModel.Tokenizer.Detokenize(digits));
    }

    [Fact]
    public void Generate_LazyGrammarTriggerPattern_ConstrainsAfterMatch()
    {
        var toolCall = TinyModel.Token("<tool_call>");

        var result = GenerateFresh(new SamplingOptions
        {
            Temperature = 0,
            MaxTokens = 8,
            LogitBias = new Dictionary<int, float> { [toolCall] = 1000f },
            Grammar = "root ::= \"<tool_call>\" \"7\"+",
            GrammarTriggerPatterns = [@"[\s\S]*?(<tool_call>[\s\S]*)"],
        });

        Assert.Matches("^<tool_call>7+$", result.Text);
    }

    [Fact]
    public void Generate_StopSequence_EndsBeforeIt()
    {
        var baseline = GenerateFresh(new SamplingOptions { Temperature = 0, MaxTokens = 40, BannedTokens = [TinyModel.Token("<|im_end|>")], RenderSpecialTokens = false });
        Assert.True(baseline.Text.Length >= 12, $"baseline too short: '{baseline.Text}'");
        var stop = baseline.Text.Substring(6, 3);

        var stopped = GenerateFresh(new SamplingOptions { Temperature = 0, MaxTokens = 40, BannedTokens = [TinyModel.Token("<|im_end|>")], RenderSpecialTokens = false, StopSequences = [stop] });

        Assert.Equal(FinishReason.StopSequence, stopped.FinishReason);
        Assert.Equal(baseline.Text[..baseline.Text.IndexOf(stop, StringComparison.Ordinal)], stopped.Text);
        Assert.DoesNotContain(stop, stopped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_BannedTokens_NeverAppear()
    {
        var baseline = GenerateFresh(Greedy16);
        var banned = baseline.Tokens.Distinct().ToArray();

        var result = GenerateFresh(new SamplingOptions { Temperature = 0, MaxTokens = 16, BannedTokens = banned });

        Assert.NotEmpty(result.Tokens);
        Assert.DoesNotContain(result.Tokens, banned.Contains);
    }

    [Fact]
    public void Generate_EndOfGenerationToken_IsNotReturnedNorDecoded()
    {
        var imEnd = TinyModel.Token("<|im_end|>");
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        var prompt = TinyModel.Prompt(Prompt);
        sequence.Append(prompt);

        var result = sequence.Generate(new SamplingOptions { Temperature = 0, LogitBias = new Dictionary<int, float> { [imEnd] = 1000f } });

        Assert.Equal(FinishReason.EndOfGeneration, result.FinishReason);
        Assert.Empty(result.Tokens);
        Assert.Equal(prompt.Length, sequence.Length);
    }

    [Fact]
    public void Generate_ContextFull_FinishesWithContextFull()
    {
        using var context = TinyModel.CreateContext(contextSize: 256);
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));

        var result = sequence.Generate(new SamplingOptions { Temperature = 0, BannedTokens = [TinyModel.Token("<|im_end|>")] });

        Assert.Equal(FinishReason.ContextFull, result.FinishReason);
        Assert.Equal(context.SequenceContextSize, sequence.Length);
    }

    [Fact]
    public async Task GenerateStreaming_MultiByteCharacters_NeverSplitAcrossChunks()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));
        var chunks = new List<GenerationChunk>();

        await foreach (var chunk in sequence.GenerateStreamingAsync(new SamplingOptions { Temperature = 0, Grammar = "root ::= \"hé𝄞!\"", MaxTokens = 20 }))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("hé𝄞!", string.Concat(chunks.Select(c => c.Text)));
        Assert.All(chunks, c => Assert.DoesNotContain('\uFFFD', c.Text));
        Assert.All(chunks, c => Assert.False(c.Text.Length > 0 && char.IsHighSurrogate(c.Text[^1])));
        Assert.Contains(chunks, c => c.Text.Length == 0 && c.Tokens.Count == 1);
        Assert.Equal(FinishReason.EndOfGeneration, chunks[^1].FinishReason);
        Assert.Single(chunks, c => c.FinishReason is not null);
    }

    [Fact]
    public async Task GenerateStreaming_EqualsNonStreaming()
    {
        var expected = GenerateFresh(Greedy16);
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));
        var text = new System.Text.StringBuilder();
        var tokens = new List<int>();

        await foreach (var chunk in sequence.GenerateStreamingAsync(Greedy16))
        {
            text.Append(chunk.Text);
            tokens.AddRange(chunk.Tokens);
        }

        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(expected.Tokens, tokens);
    }

    [Fact]
    public async Task GenerateStreaming_CancelledBetweenTokens_StopsAndKeepsSequenceUsable()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in sequence.GenerateStreamingAsync(new SamplingOptions { Temperature = 0, MaxTokens = 100 }, cts.Token))
            {
                received++;
                if (received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(3, received);
        var lengthAfterCancel = sequence.Length;
        var more = sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 2 });
        Assert.Equal(lengthAfterCancel + more.Tokens.Count, sequence.Length);
    }

    [Fact]
    public void Append_CancelledToken_ThrowsBeforeDecoding()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => sequence.Append(TinyModel.Prompt(Prompt), cts.Token));
        Assert.Equal(0, sequence.Length);
    }

    [Fact]
    public void SamplingPipeline_Defaults_BuildTheDocumentedChain()
    {
        using var sampler = new SamplingPipeline(TinyModel.Tokenizer);

        Assert.Equal(["top-k", "top-p", "min-p", "temp", "dist"], sampler.SamplerNames);
    }

    [Fact]
    public void SamplingPipeline_AllOptions_BuildTheDocumentedChain()
    {
        using var sampler = new SamplingPipeline(TinyModel.Tokenizer, new SamplingOptions
        {
            BannedTokens = [1],
            RepeatPenalty = 1.1f,
            Grammar = "root ::= \"a\"",
            TypicalP = 0.9f,
        });

        Assert.Equal(["logit-bias", "penalties", "grammar", "top-k", "typical", "top-p", "min-p", "temp", "dist"], sampler.SamplerNames);
    }

    [Fact]
    public void SamplingPipeline_TokenOutOfVocabulary_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplingPipeline(TinyModel.Tokenizer, new SamplingOptions { BannedTokens = [-1] }));
    }

    private static GenerationResult GenerateFresh(SamplingOptions options)
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(Prompt));
        return sequence.Generate(options);
    }
}
