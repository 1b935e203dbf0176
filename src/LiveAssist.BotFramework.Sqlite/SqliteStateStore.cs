using System.Globalization;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.State;
using LiveAssist.Storage;

namespace LiveAssist.BotFramework.Sqlite;

/// <summary>
/// Bot conversation and user state in SQLite: one row per key, JSON in the value column. State unused for
/// the retention period is gone (a read treats it as absent; old rows are purged now and then), so the file
/// does not grow with every visitor forever.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private const int PurgeEveryWrites = 500;
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private int _writes;

    public SqliteStateStore(SqliteDatabase database)
        : this(database, TimeProvider.System, TimeSpan.FromDays(30))
    {
    }

    public SqliteStateStore(SqliteDatabase database, TimeProvider time, TimeSpan retention)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _retention = retention;
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
            CREATE INDEX IF NOT EXISTS bot_state_updated ON bot_state(updated_at);
            """);
    }

    public async Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM bot_state WHERE key = $key AND updated_at >= $cutoff";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$cutoff", Stamp(_time.GetUtcNow() - _retention));
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return value is null ? null : JsonNode.Parse(value) as JsonObject;
    }

    public async Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var json = value.ToJsonString();
        var now = _time.GetUtcNow();
        var purge = Interlocked.Increment(ref _writes) % PurgeEveryWrites == 1;
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO bot_state (key, value, updated_at) VALUES ($key, $value, $now)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", json);
            command.Parameters.AddWithValue("$now", Stamp(now));
            var written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (purge)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM bot_state WHERE updated_at < $cutoff";
                delete.Parameters.AddWithValue("$cutoff", Stamp(now - _retention));
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return written;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM bot_state WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    // The same text form as SQLite's CURRENT_TIMESTAMP, so rows written before this change compare correctly.
    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
