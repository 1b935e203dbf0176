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
        db.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS versions (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, at TEXT NOT NULL, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS versions_path ON versions(path, id);
            CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, json TEXT NOT NULL);
            """, CancellationToken.None).GetAwaiter().GetResult();
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
            ? _db.ReadJsonAsync<ContentVersion>("SELECT json FROM versions ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$limit", limit))
            : _db.ReadJsonAsync<ContentVersion>("SELECT json FROM versions WHERE path = $path ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$path", path), ("$limit", limit));

    public async Task<ContentVersion?> GetAsync(long id, CancellationToken cancellationToken)
        => (await _db.ReadJsonAsync<ContentVersion>("SELECT json FROM versions WHERE id = $id", JsonSerializerOptions.Web, cancellationToken, ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The version of the same file just before <paramref name="version"/>.</summary>
    public async Task<ContentVersion?> PreviousAsync(ContentVersion version, CancellationToken cancellationToken)
        => (await _db.ReadJsonAsync<ContentVersion>("SELECT json FROM versions WHERE path = $path AND id < $id ORDER BY id DESC LIMIT 1", JsonSerializerOptions.Web, cancellationToken,
            ("$path", version.Path), ("$id", version.Id)).ConfigureAwait(false)).FirstOrDefault();

    public Task AuditAsync(string user, string action, string? path, string? detail, CancellationToken cancellationToken)
        => _db.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO audit (at, json) VALUES ($at, '{}') RETURNING id";
            var at = _time.GetUtcNow();
            command.Parameters.AddWithValue("$at", at.ToString("O"));
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit SET json = $json WHERE id = $id";
            update.Parameters.AddWithValue("$json", JsonSerializer.Serialize(new AuditEntry(id, at, user, action, path, detail), JsonSerializerOptions.Web));
            update.Parameters.AddWithValue("$id", id);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<List<AuditEntry>> AuditLogAsync(int limit, CancellationToken cancellationToken)
        => _db.ReadJsonAsync<AuditEntry>("SELECT json FROM audit ORDER BY id DESC LIMIT $limit", JsonSerializerOptions.Web, cancellationToken, ("$limit", limit));

    private Task AddAsync(string path, string? text, string author, string action, CancellationToken cancellationToken)
        => _db.WriteAsync(async connection =>
        {
            var at = _time.GetUtcNow();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO versions (path, at, json) VALUES ($path, $at, '{}') RETURNING id";
            command.Parameters.AddWithValue("$path", path);
            command.Parameters.AddWithValue("$at", at.ToString("O"));
            var id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE versions SET json = $json WHERE id = $id";
            update.Parameters.AddWithValue("$json", JsonSerializer.Serialize(new ContentVersion(id, path, text, author, at, action), JsonSerializerOptions.Web));
            update.Parameters.AddWithValue("$id", id);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
