using System.Text.RegularExpressions;

namespace AgentOS.Tools.Retrieval;

/// <summary>
/// Turns a user's query into an FTS5 query that can never be a syntax error: only the words survive (runs of
/// Unicode letters and digits), each becomes a quoted string, and they are joined with OR so BM25 ranks the
/// passages that match most of them first. Quotes, <c>*</c>, <c>-</c>, parentheses, <c>:</c>, and the
/// operators NEAR, AND, OR and NOT are searched as plain words or dropped, never interpreted.
/// </summary>
internal static partial class FtsQuery
{
    /// <summary>Most words kept from one query.</summary>
    public const int MaxTerms = 32;

    /// <summary>The FTS5 query, or null when the text has no words.</summary>
    public static string? Build(string query)
    {
        var terms = WordPattern().Matches(query)
            .Select(m => m.Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .Select(term => $"\"{term}\"")
            .ToList();
        return terms.Count == 0 ? null : string.Join(" OR ", terms);
    }

    [GeneratedRegex(@"[\p{L}\p{N}\p{Mn}]+")]
    private static partial Regex WordPattern();
}
