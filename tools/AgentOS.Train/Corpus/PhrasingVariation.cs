using System.Text.RegularExpressions;
using AgentOS.Train.Model;

namespace AgentOS.Train.Corpus;

/// <summary>
/// Rewords a training template the way people wrap a request: as a question ("Could you sort ...?"), with a sentence
/// before or after it ("Quick question.", "Thanks!"), or starting in lower case. The words that say what to do stay,
/// the words around them change, so the model learns to read the first and not to key a task on the second: with
/// fixed templates "Can you" only ever started a sort, and "Can you say ..." got a sorting script.
/// A variation that comes close to a held-out template (a word edit distance of 2 or less, or containing it whole) is
/// not used, so the held-out phrasings stay unseen.
/// </summary>
internal static partial class PhrasingVariation
{
    /// <summary>First words of training templates that are imperatives, so "Could you ..." can be put in front.</summary>
    private static readonly HashSet<string> Imperatives = new(StringComparer.Ordinal)
    {
        "Add", "Arrange", "Calculate", "Capitalise", "Check", "Compute", "Convert", "Count", "Divide", "Figure", "Find",
        "Flip", "Give", "Increase", "List", "Look", "Multiply", "Order", "Put", "Rank", "Reduce", "Repeat", "Reverse",
        "Say", "Search", "Share", "Solve", "Sort", "Spell", "Subtract", "Take", "Tell", "Turn", "Type", "Work", "Write",
    };

    private static readonly string[] QuestionForms = ["Can you {0}?", "Could you {0}?", "Would you {0}?", "Will you {0}?"];

    private static readonly string[] StatementForms = ["Please {0}.", "I'd like you to {0}.", "I want you to {0}.", "Kindly {0}."];

    private static readonly string[] LeadIns =
    [
        "Quick question.", "One more thing.", "Next task.", "Here is a task for you.", "I have a question.",
        "Help me with this one.", "New question.", "Another one.", "Okay.", "Let's see.",
    ];

    private static readonly string[] Tails =
    [
        "Thanks!", "Thank you.", "Thanks in advance.", "Be exact.", "Please be precise.", "I need it soon.",
        "Use a tool if you need one.", "Cheers.",
    ];

    /// <summary>Every text a variation can add around a template's own words.</summary>
    internal static IEnumerable<string> AddedTexts => [.. QuestionForms, .. StatementForms, .. LeadIns, .. Tails];

    /// <summary>
    /// With probability <paramref name="share"/>, a variation of <paramref name="template"/> (same id, same holes);
    /// otherwise, or when every variation drawn comes too close to one of <paramref name="heldOut"/>, the template itself.
    /// </summary>
    public static PhrasingTemplate Vary(PhrasingTemplate template, double share, IReadOnlyList<PhrasingTemplate> heldOut, DeterministicRandom random)
    {
        if (random.NextDouble() >= share)
        {
            return template;
        }

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var core = template.Text;
            if (random.NextDouble() < 0.5 && AsRequest(core, random) is { } request)
            {
                core = request;
            }
            else if (random.NextDouble() < 0.3 && char.IsUpper(core[0]))
            {
                core = char.ToLowerInvariant(core[0]) + core[1..];
            }

            var text = core;
            if (random.NextDouble() < 0.35)
            {
                text = LeadIns[random.NextInt(LeadIns.Length)] + " " + text;
            }

            if (random.NextDouble() < 0.35 && EndsSentence(text))
            {
                text = text + " " + Tails[random.NextInt(Tails.Length)];
            }

            if (text != template.Text && !TooClose(core, text, heldOut))
            {
                return template with { Text = text };
            }
        }

        return template;
    }

    /// <summary>"Sort {list}." as "Could you sort {list}?" or "Please sort {list}."; null when the template is not a single imperative sentence.</summary>
    private static string? AsRequest(string text, DeterministicRandom random)
    {
        var firstWord = text.Split(' ', 2)[0];
        if (!Imperatives.Contains(firstWord) || SentenceEnds().Count(text) > 1)
        {
            return null;
        }

        var body = char.ToLowerInvariant(text[0]) + text[1..];
        if (body.EndsWith('?') || body.EndsWith('!'))
        {
            return null;
        }

        var forms = random.NextDouble() < 0.6 ? QuestionForms : StatementForms;
        var form = forms[random.NextInt(forms.Length)];
        if (body.EndsWith('.'))
        {
            return form.Replace("{0}", body[..^1], StringComparison.Ordinal);
        }

        // A template that ends in its value ("Repeat after me: {x}") gets no closing mark: the value is the end.
        return form.Replace("{0}", body, StringComparison.Ordinal)[..^1];
    }

    private static bool EndsSentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!');

    /// <summary>True when the reworded request, or its whole text, is within two words of a held-out template, or contains one.</summary>
    internal static bool TooClose(string core, string text, IReadOnlyList<PhrasingTemplate> heldOut)
    {
        var coreWords = Words(core);
        var textWords = Words(text);
        var joined = " " + string.Join(' ', textWords) + " ";
        foreach (var template in heldOut)
        {
            var held = Words(template.Text);
            if (WordEditDistance(coreWords, held) <= 2 || WordEditDistance(textWords, held) <= 2
                || joined.Contains(" " + string.Join(' ', held) + " ", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lower-cased words and holes of a phrasing, punctuation dropped.</summary>
    internal static string[] Words(string text) => [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    internal static int WordEditDistance(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"\{[a-z]+\}|[a-z']+|\d+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.?!](\s|$)")]
    private static partial Regex SentenceEnds();
}
