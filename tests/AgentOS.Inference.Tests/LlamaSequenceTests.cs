using AgentOS.Native;

namespace AgentOS.Inference.Tests;

public sealed class LlamaSequenceTests
{
    private const string System = "<|im_start|>system\nYou are a calculator.<|im_end|>\n";
    private const string User = "<|im_start|>user\nWhat is 17*23?<|im_end|>\n<|im_start|>assistant\n";
    private const string ToolResponse = "<|im_start|>user\n<tool_response>\n391\n</tool_response><|im_end|>\n<|im_start|>assistant\n";

    [Fact]
    public void Append_NewTokens_DecodesOnlyThem()
    {
        using var context = TinyModel.CreateContext(measurePerformance: true);
        using var sequence = context.CreateSequence();
        var first = TinyModel.Prompt(System + User);
        var more = TinyModel.Prompt(ToolResponse);

        Assert.Equal(first.Length, sequence.Append(first));
        context.ResetPerformance();
        Assert.Equal(more.Length, sequence.Append(more));

        // llama.cpp's own counter: only the appended tokens went through the model.
        Assert.Equal(more.Length, context.GetPerformance().PromptTokens);
        Assert.Equal([.. first, .. more], sequence.Tokens);
    }

    [Fact]
    public void Prefill_ExtendedTranscript_ReusesCachedPrefix()
    {
        using var context = TinyModel.CreateContext(measurePerformance: true);
        using var sequence = context.CreateSequence();
        var turn1 = TinyModel.Prompt(System + User);
        var turn2 = TinyModel.Prompt(System + User + ToolResponse);
        sequence.Prefill(turn1);
        context.ResetPerformance();
        var decodedBefore = context.DecodedTokens;

        var result = sequence.Prefill(turn2);

        Assert.Equal(new PrefillResult(turn1.Length, turn2.Length - turn1.Length), result);
        Assert.Equal(turn2.Length - turn1.Length, context.DecodedTokens - decodedBefore);
        Assert.Equal(turn2.Length - turn1.Length, context.GetPerformance().PromptTokens);
        Assert.Equal(turn2, sequence.Tokens);
    }

    [Fact]
    public void Prefill_SameTokensWithFreshLogits_DecodesNothing()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        var prompt = TinyModel.Prompt(System + User);
        sequence.Prefill(prompt);

        Assert.Equal(new PrefillResult(prompt.Length, 0), sequence.Prefill(prompt));
    }

    [Fact]
    public void Prefill_DivergingTranscript_DropsTheTailAndDecodesTheDifference()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        var a = TinyModel.Prompt(System + "<|im_start|>user\nabc");
        var b = TinyModel.Prompt(System + "<|im_start|>user\nxyz!");
        var shared = TinyModel.Prompt(System + "<|im_start|>user\n").Length;
        sequence.Prefill(a);

        var result = sequence.Prefill(b);

        Assert.Equal(new PrefillResult(shared, b.Length - shared), result);
        Assert.Equal(b, sequence.Tokens);
        Assert.Equal((0, b.Length - 1), context.Handle.GetPositionRange(sequence.Id));
    }

    [Fact]
    public void Prefill_InPieces_GivesTheSameLogitsAsAtOnce()
    {
        var all = TinyModel.Prompt(System + User + ToolResponse);
        using var context = TinyModel.CreateContext(maxSequences: 2);
        using var whole = context.CreateSequence();
        using var pieces = context.CreateSequence();

        whole.Append(all);
        var expected = whole.GetLogits();
        pieces.Prefill(all.AsSpan(0, 10));
        pieces.Prefill(all.AsSpan(0, 25));
        pieces.Prefill(all);
        var actual = pieces.GetLogits();

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-3f);
        }
    }

    [Fact]
    public void Decode_TwoSequencesInOneBatch_MatchesOneAtATime()
    {
        var promptA = TinyModel.Prompt(System + User);
        var promptB = TinyModel.Prompt("<|im_start|>user\nSpell banana backwards.<|im_end|>\n<|im_start|>assistant\n");
        var expectedA = GenerateAlone(promptA, 12);
        var expectedB = GenerateAlone(promptB, 12);
        using var context = TinyModel.CreateContext(maxSequences: 2);
        using var a = context.CreateSequence();
        using var b = context.CreateSequence();
        using var samplerA = new SamplingPipeline(TinyModel.Tokenizer, SamplingOptions.Greedy);
        using var samplerB = new SamplingPipeline(TinyModel.Tokenizer, SamplingOptions.Greedy);
        var tokensA = new List<int>();
        var tokensB = new List<int>();

        context.Decode([new SequenceTokens(a, promptA), new SequenceTokens(b, promptB)]);
        for (var step = 0; step < 12; step++)
        {
            var ta = samplerA.Sample(a);
            var tb = samplerB.Sample(b);
            tokensA.Add(ta);
            tokensB.Add(tb);
            context.Decode([new SequenceTokens(a, new[] { ta }), new SequenceTokens(b, new[] { tb })]);
        }

        Assert.Equal(expectedA, tokensA);
        Assert.Equal(expectedB, tokensB);
    }

    [Fact]
    public void Decode_MoreTokensThanTheBatch_SplitsAndKeepsLogitsOfEverySequence()
    {
        var promptA = TinyModel.Prompt(System + User + ToolResponse);
        var promptB = TinyModel.Prompt(System + User);
        using var context = TinyModel.Instance.CreateContext(new ContextOptions { ContextSize = 512, MaxSequences = 2, BatchSize = 16, Threads = 1 });
        using var a = context.CreateSequence();
        using var b = context.CreateSequence();

        context.Decode([new SequenceTokens(a, promptA), new SequenceTokens(b, promptB)]);

        Assert.True(a.HasLogits);
        Assert.True(b.HasLogits);
        Assert.Equal(promptA, a.Tokens);
        Assert.Equal(promptB, b.Tokens);
        Assert.Equal(GenerateAlone(promptA, 4), a.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 4 }).Tokens);
    }

    [Fact]
    public void Sample_AfterAnotherSequenceDecoded_RefreshesStaleLogits()
    {
        var prompt = TinyModel.Prompt(System + User);
        var expected = GenerateAlone(prompt, 1)[0];
        using var context = TinyModel.CreateContext(maxSequences: 2);
        using var a = context.CreateSequence();
        using var b = context.CreateSequence();
        a.Append(prompt);
        b.Append(TinyModel.Prompt("something else entirely"));
        using var sampler = new SamplingPipeline(TinyModel.Tokenizer, SamplingOptions.Greedy);

        Assert.False(a.HasLogits);
        Assert.Equal(expected, sampler.Sample(a));
    }

    [Fact]
    public void Fork_GeneratesTheSameContinuation()
    {
        var prompt = TinyModel.Prompt(System + User);
        using var context = TinyModel.CreateContext(maxSequences: 2);
        using var original = context.CreateSequence();
        original.Append(prompt);

        using var fork = original.Fork();
        var fromFork = fork.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 8 });
        var fromOriginal = original.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 8 });

        Assert.Equal(fromOriginal.Tokens, fromFork.Tokens);
        Assert.Equal(prompt.Length + 8, fork.Length);
    }

    [Fact]
    public void SaveAndRestoreState_ResumesExactly()
    {
        var prompt = TinyModel.Prompt(System + User);
        using var context = TinyModel.CreateContext();
        var sequence = context.CreateSequence();
        sequence.Append(prompt);
        var state = sequence.SaveState();
        var expected = sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 8 }).Tokens;

        // Swap out: free the id, let another sequence use it, then restore into a new one.
        sequence.Dispose();
        using (var other = context.CreateSequence())
        {
            other.Append(TinyModel.Prompt("unrelated text"));
        }

        using var restored = context.CreateSequence();
        restored.RestoreState(state);

        Assert.Equal(prompt, restored.Tokens);
        Assert.True(state.SizeInBytes > 0);
        Assert.Equal(expected, restored.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 8 }).Tokens);
    }

    [Fact]
    public void Truncate_ThenGenerate_RepeatsTheContinuation()
    {
        var prompt = TinyModel.Prompt(System + User);
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(prompt);
        var first = sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 6 }).Tokens;

        sequence.Truncate(prompt.Length);
        var second = sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = 6 }).Tokens;

        Assert.Equal(first, second);
        Assert.Equal((0, prompt.Length + 5), context.Handle.GetPositionRange(sequence.Id));
    }

    [Fact]
    public void CreateSequence_BeyondMaxSequences_Throws()
    {
        using var context = TinyModel.CreateContext(maxSequences: 2);
        using var a = context.CreateSequence();
        using var b = context.CreateSequence();

        Assert.Throws<InvalidOperationException>(context.CreateSequence);
        b.Dispose();
        using var c = context.CreateSequence();
        Assert.Equal(b.Id, c.Id);
        Assert.Equal(0, c.Length);
    }

    [Fact]
    public void Append_TokenOutsideVocabulary_ThrowsAndDecodesNothing()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();

        Assert.Throws<ArgumentOutOfRangeException>(() => sequence.Append([1, 2, TinyModel.Tokenizer.VocabularySize]));
        Assert.Equal(0, sequence.Length);
    }

    [Fact]
    public void Append_PastTheContext_ThrowsDecodeExceptionAndKeepsTheSequence()
    {
        using var context = TinyModel.CreateContext(contextSize: 256);
        using var sequence = context.CreateSequence();
        sequence.Append(TinyModel.Prompt(User));
        var before = sequence.Tokens.ToArray();

        var ex = Assert.Throws<DecodeException>(() => sequence.Append(new int[300]));

        Assert.Equal(DecodeResult.NoKvSlot, ex.Result);
        Assert.Equal(before, sequence.Tokens);
    }

    [Fact]
    public void Sample_EmptySequence_Throws()
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        using var sampler = new SamplingPipeline(TinyModel.Tokenizer);

        Assert.Throws<InvalidOperationException>(() => sampler.Sample(sequence));
    }

    [Fact]
    public void Dispose_Context_DisposesItsSequences()
    {
        var context = TinyModel.CreateContext();
        var sequence = context.CreateSequence();

        context.Dispose();

        Assert.True(sequence.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => sequence.Append(1));
    }

    private static List<int> GenerateAlone(int[] prompt, int count)
    {
        using var context = TinyModel.CreateContext();
        using var sequence = context.CreateSequence();
        sequence.Append(prompt);
        return [.. sequence.Generate(new SamplingOptions { Temperature = 0, MaxTokens = count }).Tokens];
    }
}
