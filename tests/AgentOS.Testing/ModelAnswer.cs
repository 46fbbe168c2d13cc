using System.Text.RegularExpressions;

namespace AgentOS.Testing;

/// <summary>Checks of a model's answer text that a plain substring check gets wrong.</summary>
public static class ModelAnswer
{
    /// <summary>
    /// True when <paramref name="answer"/> holds <paramref name="expected"/> (a number or a list of them) with no digit
    /// right before or after it, so an answer of 800 does not count for an expected 80, while "= 80." does.
    /// </summary>
    public static bool HasStandAlone(string answer, string expected) =>
        Regex.IsMatch(answer, $@"(?<![\d.]){Regex.Escape(expected)}(?![\d]|\.\d)");
}
