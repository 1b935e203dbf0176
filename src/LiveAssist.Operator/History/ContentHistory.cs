using System.Text.Json;
using LiveAssist.Dialogs.Content;
using LiveAssist.Storage;

namespace LiveAssist.Operator.History;

/// <summary>One version of one file as it went live (publish, rollback, or an edit on disk).</summary>
public sealed record ContentVersion(long Id, string Path, string? Text, string Author, DateTimeOffset At, string Action);

/// <summary>Who did what, for the audit log (sign-ins, refused publishes, publishes, rollbacks).</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string User, string Action, string? Path, string? Detail);

/// <summary>
/// Every version of every dialog and locale file that went live, and the audit log, in <c>operator.db</c>.
/// The version a file had before its first recorded change is kept too (action <c>baseline</c>), so the
/// shipped text can always be rolled back to.
/// </summary>
public sealed class ContentHistory : IContentChangeObserver
{
    private readonly SqliteDatabase _db;
    private readonly TimeProvider _time;

    public ContentHistory(SqliteDatabase db, TimeProvider time)
    {
        _db = db;
        _time = time;
        db.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS versions (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS versions_path ON versions(path, id);
            CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, json TEXT NOT NULL);
            """);
    }

    public async Task OnAcceptedAsync(string path, string? previousText, string? text, string author, string action, CancellationToken cancellationToken)
    {
        if (previousText is not null && await _db.ReadInt64Async("SELECT COUNT(*) FROM versions WHERE path = $path", cancellationToken, ("$path", path)).ConfigureAwait(false) == 0)
        {
            await AddAsync(path, previousText, "shipped", "baseline", cancellationToken).ConfigureAwait(false);
        }

        await AddAsync(path, text, author, action, cancellationToken).ConfigureAwait(false);
    }

    public Task<List<ContentVersion>> ListAsync(string? path, int limit, CancellationToken cancellationToken)
        => path is null
            ? _db.ReadJsonAsync<ContentVersion>("SELECT json_set(json, '$.id', id) FROM versions ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$limit", limit))
            : _db.ReadJsonAsync<ContentVersion>("SELECT json_set(json, '$.id', id) FROM versions WHERE path = $path ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$path", path), ("$limit", limit));

    public async Task<ContentVersion?> GetAsync(long id, CancellationToken cancellationToken)
        => (await _db.ReadJsonAsync<ContentVersion>("SELECT json_set(json, '$.id', id) FROM versions WHERE id = $id", JsonSerializerOptions.Web, cancellationToken, ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The version of the same file just before <paramref name="version"/>.</summary>
    public async Task<ContentVersion?> PreviousAsync(ContentVersion version, CancellationToken cancellationToken)
        => (await _db.ReadJsonAsync<ContentVersion>("SELECT json_set(json, '$.id', id) FROM versions WHERE path = $path AND id < $id ORDER BY id DESC LIMIT 1", JsonSerializerOptions.Web, cancellationToken,
            ("$path", version.Path), ("$id", version.Id)).ConfigureAwait(false)).FirstOrDefault();

    public Task AuditAsync(string user, string action, string? path, string? detail, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        return AppendAsync("audit", at, new AuditEntry(0, at, user, action, path, detail), null, cancellationToken);
    }

    public Task<List<AuditEntry>> AuditLogAsync(int limit, CancellationToken cancellationToken)
        => _db.ReadJsonAsync<AuditEntry>("SELECT json_set(json, '$.id', id) FROM audit ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$limit", limit));

    private Task AddAsync(string path, string? text, string author, string action, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        return AppendAsync("versions", at, new ContentVersion(0, path, text, author, at, action), path, cancellationToken);
    }

    // Rows keep their record as JSON; reads put the row id into it (json_set), so one INSERT is enough.
    private Task AppendAsync<T>(string table, DateTimeOffset at, T record, string? path, CancellationToken cancellationToken)
        => _db.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = table == "versions"
                ? "INSERT INTO versions (path, at, json) VALUES ($path, $at, $json)"
                : "INSERT INTO audit (at, json) VALUES ($at, $json)";
            command.Parameters.AddWithValue("$path", (object?)path ?? DBNull.Value);
            command.Parameters.AddWithValue("$at", at.ToString("O"));
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(record, JsonSerializerOptions.Web));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
