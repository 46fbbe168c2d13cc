using System.Globalization;
using AgentOS.Kernel.Runs;
using Spectre.Console;

namespace AgentOS.Cli.Commands;

/// <summary>Shows a run's events live: each step, the model's thinking and prose as it streams, calls and results, the answer last.</summary>
internal sealed class RunEventRenderer(IAnsiConsole console)
{
    private const int MaxShown = 400;
    private int _step;
    private Mode _mode = Mode.None;

    private enum Mode
    {
        None,
        Thinking,
        Text,
    }

    public void Render(AgentEvent item)
    {
        if (item.Step != _step && item.Step > 0 && item is not RunCompletedEvent)
        {
            EndLine();
            _step = item.Step;
            console.MarkupLine($"[blue]● step {_step}[/]");
        }

        switch (item)
        {
            case ThinkingEvent thinking:
                Stream(Mode.Thinking, thinking.Text, "grey italic");
                break;
            case TextEvent text:
                Stream(Mode.Text, text.Text, null);
                break;
            case ToolCallEvent call:
                EndLine();
                console.MarkupLine($"  [yellow]→ {Markup.Escape(call.Call.Name)}[/] {Markup.Escape(Shorten(call.Call.Arguments.GetRawText()))}");
                break;
            case ToolResultEvent result:
                EndLine();
                var outcome = result.Invocation.Result;
                var ms = result.Invocation.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                console.MarkupLine(outcome.IsSuccess
                    ? $"  [green]← {Markup.Escape(Shorten(outcome.Content))}[/] [grey]({ms} ms)[/]"
                    : $"  [red]✗ {Markup.Escape(outcome.Error.Code.ToString())}: {Markup.Escape(Shorten(outcome.Error.Message))}[/]");
                break;
            case ErrorEvent error when error.Kind == RunErrorKind.MalformedToolCall:
                EndLine();
                console.MarkupLine($"  [red]✗ {Markup.Escape(error.Message)}[/]");
                break;
            case RunCompletedEvent completed:
                EndLine();
                RenderEnd(completed.Result);
                break;
        }
    }

    private void RenderEnd(AgentRunResult result)
    {
        if (result.Answer is { } answer)
        {
            console.MarkupLine($"[bold]Answer:[/] {Markup.Escape(answer)}");
        }
        else
        {
            console.MarkupLine($"[red]No answer:[/] {Markup.Escape(result.Error ?? result.Outcome.ToString())}");
        }

        var model = result.Steps.Sum(s => s.ModelTime.TotalSeconds);
        var tools = result.Steps.Sum(s => s.ToolTime.TotalSeconds);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]{result.Steps.Count} steps · {result.TotalTokensPrefilled} tokens prefilled, {result.TotalTokensGenerated} generated · model {model:0.00} s · tools {tools:0.00} s · {result.FormatName} format[/]"));
    }

    private void Stream(Mode mode, string text, string? style)
    {
        if (_mode != mode)
        {
            EndLine();
            _mode = mode;
            console.Markup("  ");
            text = text.TrimStart();
        }

        var escaped = Markup.Escape(text.Replace("\n", "\n  ", StringComparison.Ordinal));
        console.Markup(style is null ? escaped : $"[{style}]{escaped}[/]");
    }

    private void EndLine()
    {
        if (_mode != Mode.None)
        {
            console.WriteLine();
            _mode = Mode.None;
        }
    }

    private static string Shorten(string text)
    {
        var line = text.Replace('\n', ' ');
        return line.Length <= MaxShown ? line : line[..MaxShown] + "…";
    }
}
