using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AgentOS.Train.Model;

/// <summary>
/// Wall-clock time per phase of the forward and backward passes, summed over steps: the bench command
/// prints it so the slow part of a size is visible. A lap ends the phase that ran since the last lap.
/// </summary>
internal sealed class PhaseTimes
{
    private readonly Dictionary<string, TimeSpan> totals = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Restarts the current lap without charging it to any phase.</summary>
    public void Start() => clock.Restart();

    /// <summary>Charges the time since the last lap to <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        totals[phase] = totals.GetValueOrDefault(phase) + clock.Elapsed;
        clock.Restart();
    }

    /// <summary>One line per phase, largest first, with its share of the total.</summary>
    public string Report()
    {
        double all = totals.Values.Sum(t => t.TotalSeconds);
        var text = new StringBuilder();
        foreach (var (phase, time) in totals.OrderByDescending(p => p.Value))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-22} {time.TotalSeconds,8:F3} s  {time.TotalSeconds / all,6:P1}"));
        }

        return text.ToString();
    }
}
