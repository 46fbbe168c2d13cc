using System.Text.RegularExpressions;
using AgentOS.Native;

namespace AgentOS.Inference;

/// <summary>
/// Turns chat messages into prompt tokens with llama.cpp's template formatting, keeping trust boundaries:
/// the template's own markup is tokenized with special-token parsing, message content without it, so a
/// user or tool that writes <c>&lt;|im_start|&gt;</c> or <c>&lt;tool_call&gt;</c> gets plain characters, never
/// control tokens. It does so by formatting placeholders instead of the contents and tokenizing the pieces.
/// </summary>
internal sealed partial class ChatPromptRenderer
{
    /// <summary>The fallback when the model has no template llama.cpp knows.</summary>
    internal const string ChatMl = "chatml";

    private readonly LlamaTokenizer _tokenizer;

    internal ChatPromptRenderer(LlamaTokenizer tokenizer, string? template)
    {
        _tokenizer = tokenizer;
        Template = template is not null && Recognised(template) ? template : ChatMl;
    }

    /// <summary>The template in use (the model's, or <c>chatml</c>).</summary>
    internal string Template { get; }

    internal int[] Render(IReadOnlyList<LlamaChatMessage> messages, bool addAssistantPrefix)
    {
        var placeholders = messages.Select((m, i) => new LlamaChatMessage(m.Role, Placeholder(i))).ToArray();
        var formatted = LlamaChatTemplates.Apply(Template, placeholders, addAssistantPrefix)
            ?? throw new InvalidOperationException($"llama.cpp cannot format the chat template '{Template}'.");

        var tokens = new List<int>();
        var next = 0;
        var position = 0;
        foreach (Match match in PlaceholderPattern().Matches(formatted))
        {
            var index = int.Parse(match.Groups[1].ValueSpan, provider: null);
            if (index != next)
            {
                throw new InvalidOperationException($"The chat template '{Template}' reorders or repeats messages; it cannot be rendered safely.");
            }

            tokens.AddRange(_tokenizer.Tokenize(formatted[position..match.Index], parseSpecial: true));
            tokens.AddRange(_tokenizer.Tokenize(messages[index].Content, parseSpecial: false));
            position = match.Index + match.Length;
            next++;
        }

        if (next != messages.Count)
        {
            throw new InvalidOperationException($"The chat template '{Template}' drops messages; it cannot be rendered safely.");
        }

        tokens.AddRange(_tokenizer.Tokenize(formatted[position..], parseSpecial: true));
        return [.. tokens];
    }

    private static bool Recognised(string template) =>
        LlamaChatTemplates.Apply(template, [new LlamaChatMessage("user", "x")], addAssistantPrefix: true) is not null;

    // Control characters that no template rewrites and no message needs in this position.
    private static string Placeholder(int index) => $"\u0002{index}\u0003";

    [GeneratedRegex("\u0002([0-9]+)\u0003")]
    private static partial Regex PlaceholderPattern();
}
