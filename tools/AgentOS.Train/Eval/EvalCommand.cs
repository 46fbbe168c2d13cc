using System.CommandLine;
using AgentOS.Inference;
using AgentOS.Train.Corpus;

namespace AgentOS.Train.Eval;

/// <summary>
/// <c>agentos-train eval</c>: scores a model on the held-out set by letting it generate through llama.cpp, prints a
/// table and writes the JSON report.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The GGUF to evaluate.", Required = true };
        var heldOut = new Option<FileInfo>("--heldout") { Description = $"The held-out set ({CorpusCommand.HeldOutFile} written by the corpus command).", Required = true };
        var documents = new Option<DirectoryInfo?>("--documents") { Description = "The documents the retrieval tasks ask about. Default: documents/ next to the held-out set." };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the JSON report. Default: eval-report.json next to the model." };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only the first N episodes." };
        // One thread by default: the model is tiny, and llama.cpp's threads spin in barriers when the machine is busy
        // (measured here: 2 threads on a loaded 2-core machine were a hundred times slower than 1).
        var threads = new Option<int>("--threads") { Description = "CPU threads for llama.cpp. Default 1.", DefaultValueFactory = _ => 1 };

        var command = new Command("eval", "Score a model on the held-out set: tool choice, call validity, arguments and final answers, by generation through llama.cpp.")
        {
            model, heldOut, documents, report, limit, threads,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var log = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                var modelPath = result.GetRequiredValue(model).FullName;
                var heldOutPath = result.GetRequiredValue(heldOut).FullName;
                var documentsPath = result.GetValue(documents)?.FullName ?? Path.Combine(Path.GetDirectoryName(heldOutPath)!, "documents");
                var reportPath = result.GetValue(report)?.FullName ?? Path.Combine(Path.GetDirectoryName(modelPath)!, "eval-report.json");
                var evaluation = await EvalHarness.RunAsync(modelPath, heldOutPath, documentsPath, result.GetValue(limit), result.GetValue(threads), log, cancellationToken).ConfigureAwait(false);
                File.WriteAllText(reportPath, evaluation.ToJson() + "\n");
                log.Write(evaluation.ToTable());
                log.WriteLine($"Wrote {reportPath}.");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or ModelLoadException)
            {
                error.WriteLine($"agentos-train: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
