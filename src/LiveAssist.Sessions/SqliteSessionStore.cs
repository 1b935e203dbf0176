using System.Text.Json;
using LiveAssist.Storage;

namespace LiveAssist.Sessions;

/// <summary>Live sessions in SQLite (<c>sessions.db</c>), one JSON row each.</summary>
public sealed class SqliteSessionStore : ISessionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteDatabase _database;

    public SqliteSessionStore(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, ended_at TEXT, json TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS sessions_created ON sessions(created_at);
            """);
    }

    public Task SaveAsync(LiveSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var json = JsonSerializer.Serialize(session, Json);
        return _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO sessions (id, created_at, ended_at, json) VALUES ($id, $created, $ended, $json)
                ON CONFLICT(id) DO UPDATE SET ended_at = excluded.ended_at, json = excluded.json
                """;
            command.Parameters.AddWithValue("$id", session.Id);
            command.Parameters.AddWithValue("$created", session.CreatedAt.UtcDateTime.ToString("O"));
            command.Parameters.AddWithValue("$ended", (object?)session.EndedAt?.UtcDateTime.ToString("O") ?? DBNull.Value);
            command.Parameters.AddWithValue("$json", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public async Task<LiveSession?> GetAsync(string id, CancellationToken cancellationToken)
        => (await _database.ReadJsonAsync<LiveSession>("SELECT json FROM sessions WHERE id = $id", Json, cancellationToken, ("$id", id))
            .ConfigureAwait(false)).FirstOrDefault();

    /// <summary>An account's lives, live and ended, newest first.</summary>
    public async Task<IReadOnlyList<LiveSession>> ListByOwnerAsync(string owner, int limit, CancellationToken cancellationToken)
        => await _database.ReadJsonAsync<LiveSession>(
            "SELECT json FROM sessions WHERE json_extract(json, '$.owner') = $owner COLLATE NOCASE ORDER BY created_at DESC LIMIT $limit",
            Json, cancellationToken, ("$owner", owner), ("$limit", limit)).ConfigureAwait(false);

    /// <summary>The most recently started session that has not ended (where buyers without a session id go).</summary>
    public async Task<LiveSession?> GetLatestLiveAsync(CancellationToken cancellationToken)
        => (await _database.ReadJsonAsync<LiveSession>("SELECT json FROM sessions WHERE ended_at IS NULL ORDER BY created_at DESC LIMIT 1", Json, cancellationToken)
            .ConfigureAwait(false)).FirstOrDefault();
}
