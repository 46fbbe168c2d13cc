namespace AgentOS.Daemon.Store;

/// <summary>
/// The task database's schema as a list of migrations. <c>PRAGMA user_version</c> holds how many
/// have been applied; a database with a higher version was written by a newer AgentOS and is refused
/// rather than guessed at. <c>PRAGMA application_id</c> marks the file as ours, so pointing the
/// daemon at some other SQLite file gives a clear error instead of a half-migrated foreign database.
/// </summary>
internal static class StoreSchema
{
    /// <summary>"AGOS" in ASCII.</summary>
    public const int ApplicationId = 0x41474F53;

    /// <summary>Migration N (1-based) brings a database from version N-1 to N.</summary>
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE tasks (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            text          TEXT    NOT NULL,
            state         TEXT    NOT NULL,
            state_reason  TEXT    NULL,
            priority      INTEGER NOT NULL DEFAULT 0,
            tools         TEXT    NULL,     -- JSON array of tool names; NULL allows every tool
            capabilities  TEXT    NOT NULL, -- JSON array of granted capabilities
            max_steps     INTEGER NULL,
            max_tokens    INTEGER NULL,
            timeout_ms    INTEGER NULL,
            created_at    INTEGER NOT NULL, -- Unix milliseconds
            started_at    INTEGER NULL,
            finished_at   INTEGER NULL,
            attempts      INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tasks_by_state ON tasks (state, priority DESC, id);

        -- Append-only: rows are inserted, never updated or deleted.
        CREATE TABLE events (
            task_id     INTEGER NOT NULL REFERENCES tasks (id),
            seq         INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            data        TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            PRIMARY KEY (task_id, seq)
        ) WITHOUT ROWID;

        -- The latest checkpoint of a run's transcript (the kernel's own format, JSON).
        CREATE TABLE transcripts (
            task_id     INTEGER PRIMARY KEY REFERENCES tasks (id),
            content     TEXT    NOT NULL,
            updated_at  INTEGER NOT NULL
        );

        CREATE TABLE results (
            task_id     INTEGER PRIMARY KEY REFERENCES tasks (id),
            answer      TEXT    NULL,
            error       TEXT    NULL,
            stats       TEXT    NULL,
            created_at  INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>The version a database has after every migration ran.</summary>
    public static int CurrentVersion => Migrations.Count;
}
