namespace AgentOS.Kernel.Evaluation;

/// <summary>The figures of an evaluation: the four the model card reports, per task family too.</summary>
/// <param name="Results">Every task's result.</param>
public sealed record EvalSummary(IReadOnlyList<EvalTaskResult> Results)
{
    /// <summary>Tasks run.</summary>
    public int Tasks => Results.Count;

    /// <summary>Fraction of tasks whose first call named the expected tool (or that made no call when none was expected).</summary>
    public double ToolSelectionAccuracy => Rate(Results.Count(r => r.ToolRight), Results.Count);

    /// <summary>Fraction of all calls written that named a registered tool with schema-valid arguments; null when no call was made.</summary>
    public double? SchemaValidCallRate
    {
        get
        {
            var calls = Results.Sum(r => r.Calls);
            return calls == 0 ? null : Rate(Results.Sum(r => r.ValidCalls), calls);
        }
    }

    /// <summary>Fraction of tasks answered with every expected string in the answer.</summary>
    public double FinalAnswerAccuracy => Rate(Results.Count(r => r.AnswerRight), Results.Count);

    /// <summary>Mean number of assistant turns per task.</summary>
    public double AverageSteps => Results.Count == 0 ? 0 : Results.Average(r => r.Steps);

    /// <summary>The summary of each task family's results, by family name.</summary>
    public IReadOnlyDictionary<string, EvalSummary> ByFamily() =>
        Results.GroupBy(r => r.Task.Family, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new EvalSummary([.. g]), StringComparer.Ordinal);

    private static double Rate(int count, int total) => total == 0 ? 0 : (double)count / total;
}
