using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AgentOS.Daemon.Store;

/// <summary>
/// The daemon's durable memory: tasks, their append-only events, transcript checkpoints and results,
/// in one SQLite file in WAL mode. Every change is one transaction, so a process killed at any
/// instant leaves the file with every change that returned and none half-done.
/// </summary>
/// <remarks>
/// Each call opens a pooled connection and closes it again: connections are cheap with pooling, and
/// no connection is ever shared between threads. The API is synchronous because SQLite is: the async
/// methods of Microsoft.Data.Sqlite run synchronously anyway.
/// <c>synchronous=NORMAL</c> in WAL mode survives a killed process (the WAL is in the OS cache);
/// only a power loss can drop the latest commits. That is the trade the daemon makes for event rates.
/// </remarks>
public sealed class TaskStore
{
    private readonly string _connectionString;

    private TaskStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the database at <paramref name="path"/>, creating it and its folder when missing and
    /// migrating it to the current schema.
    /// </summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="busyTimeout">How long a call waits for another process's lock before it fails; default 5 seconds.</param>
    /// <exception cref="TaskStoreException">The file is corrupted, locked, foreign, newer, or not accessible.</exception>
    public static TaskStore Open(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busyTimeout, "The busy timeout must be positive.");
        }

        try
        {
            var folder = System.IO.Path.GetDirectoryName(fullPath)!;
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TaskStoreException($"Cannot create the folder of the task database {fullPath}: {ex.Message}", ex);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout runs out.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        var store = new TaskStore(fullPath, builder.ToString());
        store.Run(connection =>
        {
            store.Initialize(connection, timeout);
            return true;
        });
        return store;
    }

    /// <summary>Accepts a task: stores it as queued and returns it with its new id.</summary>
    public TaskRecord Create(TaskSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentException.ThrowIfNullOrWhiteSpace(submission.Text);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var now = Now();
            using var insert = Command(connection, transaction, """
                INSERT INTO tasks (text, state, priority, tools, capabilities, max_steps, max_tokens, timeout_ms, created_at)
                VALUES ($text, $state, $priority, $tools, $capabilities, $max_steps, $max_tokens, $timeout_ms, $now)
                RETURNING id
                """);
            insert.Parameters.AddWithValue("$text", submission.Text);
            insert.Parameters.AddWithValue("$state", TaskState.Queued.ToWireName());
            insert.Parameters.AddWithValue("$priority", submission.Priority);
            insert.Parameters.AddWithValue("$tools", submission.Tools is null ? DBNull.Value : JsonSerializer.Serialize(submission.Tools));
            insert.Parameters.AddWithValue("$capabilities", JsonSerializer.Serialize(submission.Capabilities));
            insert.Parameters.AddWithValue("$max_steps", (object?)submission.Budgets.MaxSteps ?? DBNull.Value);
            insert.Parameters.AddWithValue("$max_tokens", (object?)submission.Budgets.MaxTokens ?? DBNull.Value);
            insert.Parameters.AddWithValue("$timeout_ms", submission.Budgets.Timeout is { } t ? (long)t.TotalMilliseconds : DBNull.Value);
            insert.Parameters.AddWithValue("$now", now);
            var id = (long)insert.ExecuteScalar()!;
            InsertEvent(connection, transaction, id, "state", StateEventData(TaskState.Queued, null), now);
            transaction.Commit();
            return ReadTask(connection, null, id)!;
        });
    }

    /// <summary>The task with this id, or null when there is none.</summary>
    public TaskRecord? Get(long id) => Run(connection => ReadTask(connection, null, id));

    /// <summary>Tasks, newest first, optionally only those in one state.</summary>
    /// <param name="state">Only tasks in this state; null for all.</param>
    /// <param name="limit">At most this many (1 to 10 000).</param>
    public IReadOnlyList<TaskRecord> List(TaskState? state = null, int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        return Run(connection =>
        {
            using var select = Command(connection, null, $"""
                SELECT {TaskColumns} FROM tasks
                WHERE $state IS NULL OR state = $state
                ORDER BY id DESC LIMIT $limit
                """);
            select.Parameters.AddWithValue("$state", state is { } s ? s.ToWireName() : DBNull.Value);
            select.Parameters.AddWithValue("$limit", limit);
            return ReadTasks(select);
        });
    }

    /// <summary>How many tasks are in each state (states with none are absent).</summary>
    public IReadOnlyDictionary<TaskState, int> CountByState() => Run(connection =>
    {
        using var select = Command(connection, null, "SELECT state, COUNT(*) FROM tasks GROUP BY state");
        using var reader = select.ExecuteReader();
        var counts = new Dictionary<TaskState, int>();
        while (reader.Read())
        {
            if (TaskStates.TryParseWireName(reader.GetString(0), out var state))
            {
                counts[state] = reader.GetInt32(1);
            }
        }

        return counts;
    });

    /// <summary>
    /// Takes the queued task that should run next (highest priority, then oldest), marks it running
    /// and returns it; null when nothing is queued.
    /// </summary>
    public TaskRecord? ClaimNextQueued() => Run(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var select = Command(connection, transaction,
            "SELECT id FROM tasks WHERE state = 'queued' ORDER BY priority DESC, id LIMIT 1");
        if (select.ExecuteScalar() is not long id)
        {
            return null;
        }

        var now = Now();
        using var update = Command(connection, transaction,
            "UPDATE tasks SET state = 'running', state_reason = NULL, started_at = $now, attempts = attempts + 1 WHERE id = $id");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$now", now);
        update.ExecuteNonQuery();
        InsertEvent(connection, transaction, id, "state", StateEventData(TaskState.Running, null), now);
        transaction.Commit();
        return ReadTask(connection, null, id);
    });

    /// <summary>
    /// Moves a task to <paramref name="to"/> when it is in one of the <paramref name="from"/> states,
    /// recording a <c>state</c> event; returns the updated task, or null when it was in another state
    /// (or does not exist). Use <see cref="Finish"/> to end a run with its result.
    /// </summary>
    public TaskRecord? TryTransition(long id, IReadOnlyCollection<TaskState> from, TaskState to, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            if (!TransitionCore(connection, transaction, id, from, to, reason, Now()))
            {
                return null;
            }

            transaction.Commit();
            return ReadTask(connection, null, id);
        });
    }

    /// <summary>
    /// Ends a running task: stores its result and final transcript and moves it to
    /// <paramref name="finalState"/>, all in one transaction. Returns false when the task was not
    /// running (someone else already ended it).
    /// </summary>
    public bool Finish(long id, TaskState finalState, TaskResultRecord result, string? transcript, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!finalState.IsFinal())
        {
            throw new ArgumentOutOfRangeException(nameof(finalState), finalState, "A run ends in a final state.");
        }

        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var now = Now();
            if (!TransitionCore(connection, transaction, id, [TaskState.Running], finalState, reason, now, result.Answer))
            {
                return false;
            }

            using var insert = Command(connection, transaction, """
                INSERT INTO results (task_id, answer, error, stats, created_at) VALUES ($id, $answer, $error, $stats, $now)
                ON CONFLICT (task_id) DO UPDATE SET answer = excluded.answer, error = excluded.error,
                    stats = excluded.stats, created_at = excluded.created_at
                """);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$answer", (object?)result.Answer ?? DBNull.Value);
            insert.Parameters.AddWithValue("$error", (object?)result.Error ?? DBNull.Value);
            insert.Parameters.AddWithValue("$stats", (object?)result.Stats ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", now);
            insert.ExecuteNonQuery();
            if (transcript is not null)
            {
                UpsertTranscript(connection, transaction, id, transcript, now);
            }

            transaction.Commit();
            return true;
        });
    }

    /// <summary>
    /// After a restart: every task still marked running belonged to the previous process, which is
    /// gone. Each becomes interrupted with <paramref name="reason"/>; its transcript checkpoint stays.
    /// Returns those tasks.
    /// </summary>
    public IReadOnlyList<TaskRecord> InterruptOrphanedRuns(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var ids = new List<long>();
            using (var select = Command(connection, transaction, "SELECT id FROM tasks WHERE state = 'running' ORDER BY id"))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            var now = Now();
            foreach (var id in ids)
            {
                TransitionCore(connection, transaction, id, [TaskState.Running], TaskState.Interrupted, reason, now);
            }

            transaction.Commit();
            return ids.Select(id => ReadTask(connection, null, id)!).ToList();
        });
    }

    /// <summary>Appends an event to a task and returns its sequence number.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="kind">What happened, a short lowercase word.</param>
    /// <param name="data">The payload, a JSON document.</param>
    public long AppendEvent(long taskId, string kind, string data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(data);
        return Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            var seq = InsertEvent(connection, transaction, taskId, kind, data, Now());
            transaction.Commit();
            return seq;
        });
    }

    /// <summary>The task's events after sequence number <paramref name="afterSequence"/>, in order.</summary>
    public IReadOnlyList<TaskEventRecord> ReadEvents(long taskId, long afterSequence = 0, int limit = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Run(connection =>
        {
            using var select = Command(connection, null, """
                SELECT seq, kind, data, created_at FROM events
                WHERE task_id = $id AND seq > $after ORDER BY seq LIMIT $limit
                """);
            select.Parameters.AddWithValue("$id", taskId);
            select.Parameters.AddWithValue("$after", afterSequence);
            select.Parameters.AddWithValue("$limit", limit);
            using var reader = select.ExecuteReader();
            var events = new List<TaskEventRecord>();
            while (reader.Read())
            {
                events.Add(new TaskEventRecord(taskId, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), FromUnixMs(reader.GetInt64(3))));
            }

            return events;
        });
    }

    /// <summary>Stores a checkpoint of the task's transcript, replacing the previous one.</summary>
    public void SaveTranscript(long taskId, string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction();
            UpsertTranscript(connection, transaction, taskId, transcript, Now());
            transaction.Commit();
            return 0;
        });
    }

    /// <summary>The latest transcript checkpoint of the task, or null when none was saved.</summary>
    public string? GetTranscript(long taskId) => Run(connection =>
    {
        using var select = Command(connection, null, "SELECT content FROM transcripts WHERE task_id = $id");
        select.Parameters.AddWithValue("$id", taskId);
        return select.ExecuteScalar() as string;
    });

    /// <summary>The result of the task's run, or null while it has none.</summary>
    public TaskResultRecord? GetResult(long taskId) => Run(connection =>
    {
        using var select = Command(connection, null, "SELECT answer, error, stats FROM results WHERE task_id = $id");
        select.Parameters.AddWithValue("$id", taskId);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new TaskResultRecord(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2));
    });

    /// <summary>Runs SQLite's integrity check; returns "ok" or the problems it found.</summary>
    public string CheckIntegrity() => Run(connection =>
    {
        using var check = Command(connection, null, "PRAGMA integrity_check");
        return (string)check.ExecuteScalar()!;
    });

    private const string TaskColumns =
        "id, text, state, state_reason, priority, tools, capabilities, max_steps, max_tokens, timeout_ms, created_at, started_at, finished_at, attempts";

    private void Initialize(SqliteConnection connection, TimeSpan busyTimeout)
    {
        Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}");
        // WAL is a property of the file: set once, it stays for every later connection.
        var mode = (string)Scalar(connection, "PRAGMA journal_mode = WAL")!;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new TaskStoreException($"The task database {Path} cannot use write-ahead logging (journal mode stayed '{mode}'); put it on a local file system.");
        }

        using var transaction = connection.BeginTransaction();
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id", transaction), CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version", transaction), CultureInfo.InvariantCulture);
        var tableCount = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'", transaction), CultureInfo.InvariantCulture);
        if (applicationId != StoreSchema.ApplicationId && (applicationId != 0 || tableCount > 0))
        {
            throw new TaskStoreException($"{Path} is an SQLite database but not an AgentOS task database; choose another data folder or move the file away.");
        }

        if (version > StoreSchema.CurrentVersion)
        {
            throw new TaskStoreException(
                $"The task database {Path} has schema version {version}, newer than this AgentOS understands ({StoreSchema.CurrentVersion}); run a newer AgentOS or use another data folder.");
        }

        for (var next = version; next < StoreSchema.CurrentVersion; next++)
        {
            Execute(connection, StoreSchema.Migrations[next], transaction);
        }

        Execute(connection, $"PRAGMA application_id = {StoreSchema.ApplicationId}", transaction);
        Execute(connection, $"PRAGMA user_version = {StoreSchema.CurrentVersion}", transaction);
        transaction.Commit();
    }

    private T Run<T>(Func<SqliteConnection, T> action)
    {
        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Execute(connection, "PRAGMA synchronous = NORMAL");
            return action(connection);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex);
        }
    }

    private TaskStoreException Translate(SqliteException ex) => ex.SqliteErrorCode switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED
        5 or 6 => new TaskStoreException(
            $"The task database {Path} is locked by another process (is a second daemon using the same data folder?): {ex.Message}", ex),
        // SQLITE_CORRUPT, SQLITE_NOTADB
        11 or 26 => new TaskStoreException(
            $"The task database {Path} is corrupted or not an SQLite file: move it away (the daemon then starts with an empty one) or restore a backup. SQLite said: {ex.Message}", ex),
        // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM
        8 or 14 or 3 => new TaskStoreException(
            $"The task database {Path} cannot be opened for writing: check the folder exists and its permissions. SQLite said: {ex.Message}", ex),
        // SQLITE_FULL, SQLITE_IOERR
        13 or 10 => new TaskStoreException($"The task database {Path} cannot be written (disk full or I/O error): {ex.Message}", ex),
        _ => new TaskStoreException($"The task database {Path} failed: {ex.Message}", ex),
    };

    private static bool TransitionCore(
        SqliteConnection connection, SqliteTransaction transaction, long id, IReadOnlyCollection<TaskState> from, TaskState to, string? reason, long now, string? answer = null)
    {
        using var select = Command(connection, transaction, "SELECT state FROM tasks WHERE id = $id");
        select.Parameters.AddWithValue("$id", id);
        if (select.ExecuteScalar() is not string current
            || !TaskStates.TryParseWireName(current, out var currentState)
            || !from.Contains(currentState))
        {
            return false;
        }

        using var update = Command(connection, transaction, """
            UPDATE tasks SET state = $state, state_reason = $reason,
                finished_at = CASE WHEN $final THEN $now ELSE NULL END
            WHERE id = $id
            """);
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$state", to.ToWireName());
        update.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        update.Parameters.AddWithValue("$final", to.IsFinal());
        update.Parameters.AddWithValue("$now", now);
        update.ExecuteNonQuery();
        InsertEvent(connection, transaction, id, "state", StateEventData(to, reason, answer), now);
        return true;
    }

    private static long InsertEvent(SqliteConnection connection, SqliteTransaction transaction, long taskId, string kind, string data, long now)
    {
        using var insert = Command(connection, transaction, """
            INSERT INTO events (task_id, seq, kind, data, created_at)
            VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE task_id = $id), $kind, $data, $now)
            RETURNING seq
            """);
        insert.Parameters.AddWithValue("$id", taskId);
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$data", data);
        insert.Parameters.AddWithValue("$now", now);
        return (long)insert.ExecuteScalar()!;
    }

    private static void UpsertTranscript(SqliteConnection connection, SqliteTransaction transaction, long taskId, string transcript, long now)
    {
        using var upsert = Command(connection, transaction, """
            INSERT INTO transcripts (task_id, content, updated_at) VALUES ($id, $content, $now)
            ON CONFLICT (task_id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
            """);
        upsert.Parameters.AddWithValue("$id", taskId);
        upsert.Parameters.AddWithValue("$content", transcript);
        upsert.Parameters.AddWithValue("$now", now);
        upsert.ExecuteNonQuery();
    }

    /// <summary>The payload of a <c>state</c> event: the new state, why, and the answer when the run ended with one.</summary>
    private static string StateEventData(TaskState state, string? reason, string? answer = null)
    {
        var data = new Dictionary<string, string?> { ["state"] = state.ToWireName(), ["reason"] = reason };
        if (answer is not null)
        {
            data["answer"] = answer;
        }

        return JsonSerializer.Serialize(data);
    }

    private static TaskRecord? ReadTask(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        using var select = Command(connection, transaction, $"SELECT {TaskColumns} FROM tasks WHERE id = $id");
        select.Parameters.AddWithValue("$id", id);
        return ReadTasks(select).SingleOrDefault();
    }

    private static List<TaskRecord> ReadTasks(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var tasks = new List<TaskRecord>();
        while (reader.Read())
        {
            var budgets = new TaskBudgets(
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(9)));
            var submission = new TaskSubmission(
                reader.GetString(1),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<string[]>(reader.GetString(5)),
                JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
                budgets);
            if (!TaskStates.TryParseWireName(reader.GetString(2), out var state))
            {
                throw new TaskStoreException($"Task {reader.GetInt64(0)} has an unknown state '{reader.GetString(2)}': the database was changed by something other than AgentOS.");
            }

            tasks.Add(new TaskRecord(
                reader.GetInt64(0),
                submission,
                state,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                FromUnixMs(reader.GetInt64(10)),
                reader.IsDBNull(11) ? null : FromUnixMs(reader.GetInt64(11)),
                reader.IsDBNull(12) ? null : FromUnixMs(reader.GetInt64(12)),
                reader.GetInt32(13)));
        }

        return tasks;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
