using System.CommandLine;

namespace AgentOS.Train.Model.Commands;

/// <summary><c>agentos-train plot</c>: draws a training run's loss curve (its metrics CSV) as a PNG.</summary>
internal static class PlotCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var metrics = new Option<FileInfo>("--metrics") { Description = "The metrics CSV the train command wrote (--metrics).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The PNG to write.", Required = true };
        var command = new Command("plot", "Draw the loss curve of a training run as a PNG (training loss line, validation loss squares, log scale).")
        {
            metrics, output,
        };
        command.SetAction(result =>
        {
            try
            {
                var png = result.GetRequiredValue(output).FullName;
                LossPlot.Write(LossPlot.ReadMetrics(result.GetRequiredValue(metrics).FullName), png);
                result.InvocationConfiguration.Output.WriteLine($"Wrote {png}.");
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                result.InvocationConfiguration.Error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
