namespace AgentOS.Train.Corpus;

/// <summary>
/// One way of asking for a task, with named holes (<c>{a}</c>, <c>{word}</c>) the family fills in.
/// A held-out template is never used for training episodes, so the held-out split measures whether the
/// model understood phrasings it has not seen.
/// </summary>
/// <param name="Id">Stable identifier, unique within its family (reported per episode).</param>
/// <param name="Text">The phrasing with its holes.</param>
/// <param name="HeldOut">True when only held-out episodes use it.</param>
/// <param name="TrainingOnly">
/// True when only training episodes use it: the held-out split's seen-phrasing half does not draw it, so a phrasing
/// added for training leaves the held-out set as it was, and a new model's scores compare with the old one's task for task.
/// </param>
internal sealed partial record PhrasingTemplate(string Id, string Text, bool HeldOut = false, bool TrainingOnly = false)
{
    /// <summary>The text with each <c>{name}</c> replaced by its value.</summary>
    public string Fill(params (string Name, string Value)[] values)
    {
        var text = Text;
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        if (Hole().Match(text) is { Success: true } hole)
        {
            throw new InvalidOperationException($"Template {Id} has an unfilled hole {hole.Value}.");
        }

        return text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{[a-z]+\}")]
    private static partial System.Text.RegularExpressions.Regex Hole();
}
