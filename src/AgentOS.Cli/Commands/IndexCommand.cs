using System.CommandLine;
using AgentOS.Tools.Retrieval;
using Microsoft.Data.Sqlite;

namespace AgentOS.Cli.Commands;

/// <summary>
/// <c>agentos index add PATH...</c>: adds folders or files to the retrieval index in the data folder and brings
/// the whole index up to date (new and changed files indexed, deleted ones dropped). Running it again with the
/// same paths re-indexes what changed.
/// </summary>
public static class IndexCommand
{
    /// <summary>Creates the <c>index</c> command with its <c>add</c> subcommand.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders or .txt/.md files to index.", Arity = ArgumentArity.OneOrMore };
        var add = new Command("add", "Index folders or files for the retrieval tool, and re-index what changed.") { paths };
        add.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var database = AgentOSPaths.Resolve(parseResult).IndexDatabase;
            try
            {
                using var index = DocumentIndex.Open(database);
                var report = index.Add(parseResult.GetValue(paths)!);
                foreach (var skipped in report.Skipped)
                {
                    await output.WriteLineAsync($"skipped {skipped.Path}: {skipped.Reason}").ConfigureAwait(false);
                }

                await output.WriteLineAsync(
                    $"indexed {report.Added} new and {report.Updated} changed files, {report.Unchanged} unchanged, {report.Removed} removed; " +
                    $"{report.Chunks} passages in {database}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception exception) when (exception is FileNotFoundException or IOException or UnauthorizedAccessException
                or InvalidDataException or SqliteException)
            {
                await error.WriteLineAsync($"agentos: {exception.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("index", "Manage the documents the retrieval tool searches.") { add };
    }
}
