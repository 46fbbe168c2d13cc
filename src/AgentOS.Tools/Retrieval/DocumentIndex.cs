using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AgentOS.Tools.Retrieval;

/// <summary>
/// The retrieval index: a SQLite database (WAL) holding the configured roots (folders or files), one row per
/// indexed document (path, size, modification time, SHA-256), and the documents' passages in an FTS5 table
/// ranked with BM25. <see cref="Sync"/> brings it in line with the files: new and changed files are indexed
/// (a changed size or time with the same hash only refreshes the row), deleted ones dropped. Indexed files are
/// <c>.txt</c>, <c>.md</c> and <c>.markdown</c>; hidden files and folders and symbolic links are not followed.
/// </summary>
public sealed class DocumentIndex : IDisposable
{
    private const int SchemaVersion = 1;

    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".md", ".markdown" };

    private readonly SqliteConnection _connection;
    private readonly RetrievalOptions _options;
    private readonly bool _readOnly;

    private DocumentIndex(SqliteConnection connection, string databasePath, RetrievalOptions options, bool readOnly)
    {
        _connection = connection;
        DatabasePath = databasePath;
        _options = options;
        _readOnly = readOnly;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The folders and files the index covers.</summary>
    public IReadOnlyList<string> Roots => Query("SELECT path FROM roots ORDER BY path", r => r.GetString(0));

    /// <summary>Passages in the index.</summary>
    public long ChunkCount => (long)Scalar("SELECT count(*) FROM chunks")!;

    /// <summary>Opens the index for reading and writing, creating the file and its folder when missing.</summary>
    public static DocumentIndex Open(string databasePath, RetrievalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var index = Connect(path, SqliteOpenMode.ReadWriteCreate, options, readOnly: false);
        index.EnsureSchema();
        return index;
    }

    /// <summary>Opens an existing index for searching only; the database cannot be changed through it.</summary>
    /// <exception cref="FileNotFoundException">No index exists at <paramref name="databasePath"/>.</exception>
    public static DocumentIndex OpenReadOnly(string databasePath, RetrievalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No document index exists at {path}.", path);
        }

        var index = Connect(path, SqliteOpenMode.ReadOnly, options, readOnly: true);
        var version = (long)index.Scalar("PRAGMA user_version")!;
        if (version != SchemaVersion)
        {
            index.Dispose();
            throw new InvalidDataException($"{path} is not a document index of this version (schema {version}, expected {SchemaVersion}).");
        }

        return index;
    }

    /// <summary>
    /// Adds folders or files to the roots and synchronises. Every path is checked first: when one does not
    /// exist, nothing is added.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public IndexSyncReport Add(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        EnsureWritable();
        var roots = paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).ToList();
        foreach (var root in roots.Where(r => !File.Exists(r) && !Directory.Exists(r)))
        {
            throw new FileNotFoundException($"{root} is neither a file nor a folder.", root);
        }

        foreach (var root in roots)
        {
            Execute("INSERT OR IGNORE INTO roots(path) VALUES ($path)", ("$path", root));
        }

        return Sync();
    }

    /// <summary>Indexes new and changed files under the roots and drops documents whose file is gone.</summary>
    public IndexSyncReport Sync()
    {
        EnsureWritable();
        var known = Query("SELECT id, path, size, mtime, sha256 FROM documents",
                r => new KnownDocument(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetString(4)))
            .ToDictionary(d => d.Path, StringComparer.Ordinal);
        var skipped = new List<SkippedFile>();
        int added = 0, updated = 0, unchanged = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in Roots.SelectMany(root => FilesUnder(root, skipped)).Distinct(StringComparer.Ordinal))
        {
            seen.Add(file);
            known.TryGetValue(file, out var previous);
            switch (IndexFile(file, previous, skipped))
            {
                case FileOutcome.Added:
                    added++;
                    break;
                case FileOutcome.Updated:
                    updated++;
                    break;
                case FileOutcome.Unchanged:
                    unchanged++;
                    break;
            }
        }

        var removed = 0;
        foreach (var gone in known.Values.Where(d => !seen.Contains(d.Path)))
        {
            using var transaction = _connection.BeginTransaction();
            DeleteDocument(gone.Id);
            transaction.Commit();
            removed++;
        }

        return new IndexSyncReport(added, updated, unchanged, removed, ChunkCount, skipped);
    }

    /// <summary>The <paramref name="count"/> passages that match <paramref name="query"/> best, best first.</summary>
    /// <exception cref="ArgumentException">The query has no words to search for.</exception>
    public IReadOnlyList<SearchHit> Search(string query, int count)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var match = FtsQuery.Build(query) ?? throw new ArgumentException("The query has no words to search for.", nameof(query));
        var roots = Roots;
        return Query(
            """
            SELECT d.path, c.start_line, c.end_line, c.heading, c.text, bm25(chunks_fts, 2.0, 1.0) AS rank
            FROM chunks_fts
            JOIN chunks c ON c.id = chunks_fts.rowid
            JOIN documents d ON d.id = c.document_id
            WHERE chunks_fts MATCH $match
            ORDER BY rank, d.path, c.start_line
            LIMIT $count
            """,
            r => new SearchHit(SourceName(r.GetString(0), roots), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetString(4), Math.Round(-r.GetDouble(5), 3)),
            ("$match", match),
            ("$count", count));
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// How a search names a document: its path relative to the most specific root folder it was indexed under, or
    /// its file name when it was added as a file. A model cites this name in its answer; a full path would start with
    /// folders that differ from machine to machine, which a small model copies badly.
    /// </summary>
    private static string SourceName(string path, IReadOnlyList<string> roots)
    {
        var root = roots
            .Where(r => path == r || path.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .MaxBy(r => r.Length);
        return root is null ? path : root == path ? Path.GetFileName(path) : Path.GetRelativePath(root, path);
    }

    private static DocumentIndex Connect(string path, SqliteOpenMode mode, RetrievalOptions? options, bool readOnly)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            // Each open is short (one CLI command, one tool call); no pooled handle outlives it.
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var index = new DocumentIndex(connection, path, options ?? new RetrievalOptions(), readOnly);
        // Another process may be indexing; wait for its write to finish rather than fail.
        index.Execute("PRAGMA busy_timeout = 5000");
        return index;
    }

    private void EnsureSchema()
    {
        var version = (long)Scalar("PRAGMA user_version")!;
        if (version == SchemaVersion)
        {
            return;
        }

        if (version != 0)
        {
            throw new InvalidDataException($"{DatabasePath} is not a document index of this version (schema {version}, expected {SchemaVersion}).");
        }

        Execute("PRAGMA journal_mode = WAL");
        using var transaction = _connection.BeginTransaction();
        Execute(
            """
            CREATE TABLE roots (path TEXT PRIMARY KEY);
            CREATE TABLE documents (
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,
                size INTEGER NOT NULL,
                mtime INTEGER NOT NULL,
                sha256 TEXT NOT NULL);
            CREATE TABLE chunks (
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES documents(id),
                start_line INTEGER NOT NULL,
                end_line INTEGER NOT NULL,
                heading TEXT NOT NULL,
                text TEXT NOT NULL);
            CREATE INDEX chunks_by_document ON chunks(document_id);
            CREATE VIRTUAL TABLE chunks_fts USING fts5(
                heading, text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
            CREATE TRIGGER chunks_after_insert AFTER INSERT ON chunks BEGIN
                INSERT INTO chunks_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
            END;
            CREATE TRIGGER chunks_after_delete AFTER DELETE ON chunks BEGIN
                INSERT INTO chunks_fts(chunks_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
            END;
            """);
        Execute($"PRAGMA user_version = {SchemaVersion.ToString(CultureInfo.InvariantCulture)}");
        transaction.Commit();
    }

    private static IEnumerable<string> FilesUnder(string root, List<SkippedFile> skipped)
    {
        if (File.Exists(root))
        {
            if (Extensions.Contains(Path.GetExtension(root)))
            {
                return [root];
            }

            skipped.Add(new SkippedFile(root, "not a .txt or .md file"));
            return [];
        }

        if (!Directory.Exists(root))
        {
            // A root that disappeared: everything under it is dropped by the caller, nothing is indexed.
            skipped.Add(new SkippedFile(root, "the folder no longer exists"));
            return [];
        }

        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        };
        return Directory.EnumerateFiles(root, "*", enumeration)
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal);
    }

    private FileOutcome IndexFile(string path, KnownDocument? previous, List<SkippedFile> skipped)
    {
        try
        {
            var info = new FileInfo(path);
            var mtime = info.LastWriteTimeUtc.Ticks;
            if (info.Length > _options.MaxFileBytes)
            {
                skipped.Add(new SkippedFile(path, $"larger than {_options.MaxFileBytes} bytes"));
                return Drop(previous);
            }

            if (previous is not null && previous.Size == info.Length && previous.Mtime == mtime)
            {
                return FileOutcome.Unchanged;
            }

            var bytes = File.ReadAllBytes(path);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var transaction = _connection.BeginTransaction();
            if (previous is not null && previous.Sha256 == hash)
            {
                Execute("UPDATE documents SET size = $size, mtime = $mtime WHERE id = $id",
                    ("$size", bytes.LongLength), ("$mtime", mtime), ("$id", previous.Id));
                transaction.Commit();
                return FileOutcome.Unchanged;
            }

            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                transaction.Rollback();
                skipped.Add(new SkippedFile(path, "binary (contains NUL bytes)"));
                return Drop(previous);
            }

            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes).TrimStart('\uFEFF');
            var markdown = !Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase);
            var chunks = DocumentChunker.Chunk(text, markdown, _options.MaxChunkChars);

            long id;
            if (previous is null)
            {
                Execute("INSERT INTO documents(path, size, mtime, sha256) VALUES ($path, $size, $mtime, $hash)",
                    ("$path", path), ("$size", bytes.LongLength), ("$mtime", mtime), ("$hash", hash));
                id = (long)Scalar("SELECT last_insert_rowid()")!;
            }
            else
            {
                id = previous.Id;
                Execute("DELETE FROM chunks WHERE document_id = $id", ("$id", id));
                Execute("UPDATE documents SET size = $size, mtime = $mtime, sha256 = $hash WHERE id = $id",
                    ("$size", bytes.LongLength), ("$mtime", mtime), ("$hash", hash), ("$id", id));
            }

            foreach (var chunk in chunks)
            {
                Execute("INSERT INTO chunks(document_id, start_line, end_line, heading, text) VALUES ($id, $start, $end, $heading, $text)",
                    ("$id", id), ("$start", chunk.StartLine), ("$end", chunk.EndLine), ("$heading", chunk.Heading), ("$text", chunk.Text));
            }

            transaction.Commit();
            return previous is null ? FileOutcome.Added : FileOutcome.Updated;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Keep what the index had: an unreadable file now is not proof that its content is gone.
            skipped.Add(new SkippedFile(path, $"unreadable: {exception.Message}"));
            return previous is null ? FileOutcome.Skipped : FileOutcome.Unchanged;
        }
    }

    private FileOutcome Drop(KnownDocument? previous)
    {
        if (previous is not null)
        {
            using var transaction = _connection.BeginTransaction();
            DeleteDocument(previous.Id);
            transaction.Commit();
        }

        return FileOutcome.Skipped;
    }

    private void DeleteDocument(long id)
    {
        Execute("DELETE FROM chunks WHERE document_id = $id", ("$id", id));
        Execute("DELETE FROM documents WHERE id = $id", ("$id", id));
    }

    private void EnsureWritable()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This index was opened read-only.");
        }
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql, []);
        return command.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private SqliteCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private enum FileOutcome
    {
        Added,
        Updated,
        Unchanged,
        Skipped,
    }

    private sealed record KnownDocument(long Id, string Path, long Size, long Mtime, string Sha256);
}
