using System.Text.Json;

namespace AgentOS.Kernel.Evaluation;

/// <summary>
/// Reads the held-out set the corpus generator writes (<c>heldout.jsonl</c>, JSON Lines): per line at least
/// <c>id</c>, <c>task</c>, <c>expected_calls</c> (objects with a <c>name</c>) and <c>expected_answer_contains</c>;
/// <c>family</c> is optional. Other fields (the reference transcript) are ignored.
/// </summary>
public static class EvalSet
{
    /// <summary>Reads the tasks of a held-out file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a task; the message names the file and line.</exception>
    public static IReadOnlyList<EvalTask> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The evaluation set {path} does not exist.", path);
        }

        var tasks = new List<EvalTask>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                tasks.Add(Parse(line));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}, line {number}: not an evaluation task ({exception.Message}).", exception);
            }
        }

        if (tasks.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no tasks.");
        }

        return tasks;
    }

    /// <summary>Reads one line.</summary>
    /// <exception cref="JsonException">The line is not JSON.</exception>
    /// <exception cref="KeyNotFoundException">A required field is missing.</exception>
    /// <exception cref="InvalidOperationException">A field has the wrong type.</exception>
    public static EvalTask Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new InvalidOperationException("\"id\" is null.");
        var task = root.GetProperty("task").GetString();
        if (string.IsNullOrWhiteSpace(task))
        {
            throw new InvalidOperationException("\"task\" is empty.");
        }

        var family = root.TryGetProperty("family", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "unknown";
        var tools = root.GetProperty("expected_calls").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
        var answer = root.GetProperty("expected_answer_contains").EnumerateArray().Select(s => s.GetString()!).ToList();
        return new EvalTask(id, family, task, tools, answer);
    }
}
