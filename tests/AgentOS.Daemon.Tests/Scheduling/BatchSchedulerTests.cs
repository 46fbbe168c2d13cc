using AgentOS.Daemon.Scheduling;
using AgentOS.Inference;
using AgentOS.Kernel.Engine;
using AgentOS.Kernel.Runs;

namespace AgentOS.Daemon.Tests.Scheduling;

public sealed class BatchSchedulerTests(SchedulerModelFixture fixture) : IClassFixture<SchedulerModelFixture>
{
    private static readonly string[] Prompts = ["The quick brown fox", "def main():", "1, 2, 3, 4,"];

    [Fact]
    public async Task Generate_SeveralRunsAtOnce_GiveTheSameTokensAsOneAtATimeInSharedDecodes()
    {
        var expected = new List<int[]>();
        using (var single = new LlamaAgentModel(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 512 }))
        {
            foreach (var prompt in Prompts)
            {
                expected.Add(await GenerateAsync(single, prompt, 12));
            }
        }

        using var scheduler = new BatchScheduler(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 1536, MaxSequences = Prompts.Length });
        var batched = await Task.WhenAll(Prompts.Select(p => Task.Run(() => GenerateAsync(scheduler, p, 12))));

        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(expected[i], batched[i]);
        }

        // How widely they batched depends on timing: the benchmark reports it (docs/benchmarks.md), a test cannot.
        Assert.True(scheduler.Stats.DecodeCalls > 0);
    }

    [Fact]
    public async Task OpenSequence_MoreRunsThanSequences_WaitsUntilOneIsFree()
    {
        using var scheduler = new BatchScheduler(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 256, MaxSequences = 1 });
        var first = await scheduler.OpenSequenceAsync(CancellationToken.None);

        var second = scheduler.OpenSequenceAsync(CancellationToken.None).AsTask();
        await Task.Delay(200);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, opened.Length);
    }

    [Fact]
    public async Task Generate_ARunIdleInATool_DoesNotStallTheOthers()
    {
        using var scheduler = new BatchScheduler(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 512, MaxSequences = 2 });
        await using var idle = await scheduler.OpenSequenceAsync(CancellationToken.None);
        await idle.AppendAsync(Tokenize("waiting for a tool"), CancellationToken.None);

        // The idle run posts nothing while the other generates: the other still finishes.
        var tokens = await GenerateAsync(scheduler, "busy run", 16).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(16, tokens.Length);
    }

    [Fact]
    public async Task Append_CancelledToken_ThrowsAndLeavesTheSequenceUnchanged()
    {
        using var scheduler = new BatchScheduler(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 256, MaxSequences = 1 });
        await using var sequence = await scheduler.OpenSequenceAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sequence.AppendAsync(Tokenize("abc"), new CancellationToken(true)).AsTask());

        Assert.Equal(0, sequence.Length);
    }

    [Fact]
    public async Task Append_BeyondTheSequenceCapacity_FailsOnlyThatRun()
    {
        using var scheduler = new BatchScheduler(fixture.Model, new ContextOptions { Threads = 1, ContextSize = 256, MaxSequences = 2 });
        await using var big = await scheduler.OpenSequenceAsync(CancellationToken.None);
        await using var small = await scheduler.OpenSequenceAsync(CancellationToken.None);

        var tooLong = big.AppendAsync(Enumerable.Repeat(Tokenize("x")[0], big.Capacity + 10).ToList(), CancellationToken.None).AsTask();
        var fine = small.AppendAsync(Tokenize("fine"), CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<DecodeException>(() => tooLong);
        await fine;
        Assert.Equal(4, small.Length);
    }

    private int[] Tokenize(string text) => [.. fixture.Model.Tokenizer.Tokenize(text, addBos: false, parseSpecial: false)];

    /// <summary>Greedy generation of exactly <paramref name="count"/> tokens through the kernel's sequence interface.</summary>
    private async Task<int[]> GenerateAsync(IAgentModel model, string prompt, int count)
    {
        await using var sequence = await model.OpenSequenceAsync(CancellationToken.None);
        using var sampler = model.CreateSampler(new AgentSamplingOptions { Temperature = 0 });
        await sequence.AppendAsync(Tokenize(prompt), CancellationToken.None);
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = await sequence.SampleAsync(sampler, CancellationToken.None);
            await sequence.AppendAsync([tokens[i]], CancellationToken.None);
        }

        return tokens;
    }
}
