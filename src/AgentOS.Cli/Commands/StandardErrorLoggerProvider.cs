using Microsoft.Extensions.Logging;

namespace AgentOS.Cli.Commands;

/// <summary>
/// Prints llama.cpp's warnings and errors (a GPU backend that failed to load, a model file it had to patch up) as
/// <c>agentos: llama.cpp: …</c> lines on standard error, where they do not mix with <c>--json</c> output. Written at
/// once, not by a background thread, so a line is not lost when the command ends.
/// </summary>
internal sealed class StandardErrorLoggerProvider(TextWriter? output = null) : ILoggerProvider, ILogger
{
    private readonly TextWriter _output = output ?? Console.Error;

    public ILogger CreateLogger(string categoryName) => this;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            _output.WriteLine($"agentos: llama.cpp: {formatter(state, exception).Trim()}");
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public void Dispose()
    {
    }
}
