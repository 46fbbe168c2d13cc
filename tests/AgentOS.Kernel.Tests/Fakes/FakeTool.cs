using System.Text.Json;
using AgentOS.Abstractions;

namespace AgentOS.Kernel.Tests.Fakes;

/// <summary>A tool whose behaviour a test writes; counts calls and concurrency.</summary>
internal sealed class FakeTool : ITool
{
    private readonly Func<JsonElement, CancellationToken, Task<ToolResult>> _invoke;
    private int _running;

    public FakeTool(ToolDefinition definition, Func<JsonElement, CancellationToken, Task<ToolResult>> invoke)
    {
        Definition = definition;
        _invoke = invoke;
    }

    public ToolDefinition Definition { get; }

    public int Calls;

    public int MaxConcurrent;

    public List<JsonElement> Arguments { get; } = [];

    public static FakeTool Returning(ToolDefinition definition, Func<JsonElement, string> result) =>
        new(definition, (args, _) => Task.FromResult(ToolResult.Ok(result(args))));

    public async Task<ToolResult> InvokeAsync(JsonElement arguments, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        lock (Arguments)
        {
            Arguments.Add(arguments.Clone());
        }

        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref MaxConcurrent, now);
        try
        {
            return await _invoke(arguments, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
