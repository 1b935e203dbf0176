using System.Globalization;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.State;
using LiveAssist.Storage;

namespace LiveAssist.BotFramework.Sqlite;

/// <summary>
/// Bot conversation and user state in SQLite: one row per key, JSON in the value column. State unused for
/// the retention period is gone (a read treats it as absent; old rows are purged now and then), so the file
/// does not grow with every visitor forever. Each row carries a version, its ETag: a turn writes only over the version
/// it read (<see cref="TryWriteAsync"/>), so two turns of one conversation at once both keep what they learned.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private const int PurgeEveryWrites = 500;
    private const string AnyVersion = "*";
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
            CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                version INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS bot_state_updated ON bot_state(updated_at);
            """);
        _database.EnsureColumn("bot_state", "version", "INTEGER NOT NULL DEFAULT 0"); // files written before versions
    }

    public async Task<StateRecord> ReadVersionedAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, version FROM bot_state WHERE key = $key AND updated_at >= $cutoff";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$cutoff", Stamp(_time.GetUtcNow() - _retention));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new StateRecord(null, null);
        }

        return new StateRecord(JsonNode.Parse(reader.GetString(0)) as JsonObject, reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    public async Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken)
        => (await ReadVersionedAsync(key, cancellationToken).ConfigureAwait(false)).Value;

    public Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken)
        => TryWriteAsync(key, value, AnyVersion, cancellationToken);

    /// <summary>
    /// Writes only over <paramref name="expectedETag"/>: null means the record must not exist (an expired one counts as
    /// absent), <c>*</c> writes whatever is there. False, and nothing written, when another writer got there first.
    /// </summary>
    public async Task<bool> TryWriteAsync(string key, JsonObject value, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        long? expected = null;
        if (expectedETag is not null and not AnyVersion)
        {
            if (!long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return false; // not one of ours (a Redis ETag read before a fallback): the record is not at that version
            }

            expected = version;
        }

        var json = value.ToJsonString();
        var now = _time.GetUtcNow();
        var purge = Interlocked.Increment(ref _writes) % PurgeEveryWrites == 1;
        var written = await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = (expectedETag, expected) switch
            {
                (AnyVersion, _) => """
                    INSERT INTO bot_state (key, value, updated_at, version) VALUES ($key, $value, $now, 1)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, version = bot_state.version + 1
                    """,
                (null, _) => """
                    INSERT INTO bot_state (key, value, updated_at, version) VALUES ($key, $value, $now, 1)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, version = bot_state.version + 1
                    WHERE bot_state.updated_at < $cutoff
                    """,
                _ => """
                    UPDATE bot_state SET value = $value, updated_at = $now, version = version + 1
                    WHERE key = $key AND version = $version AND updated_at >= $cutoff
                    """,
            };
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", json);
            command.Parameters.AddWithValue("$now", Stamp(now));
            command.Parameters.AddWithValue("$cutoff", Stamp(now - _retention));
            command.Parameters.AddWithValue("$version", expected ?? 0);
            var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (purge)
            {
                await using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM bot_state WHERE updated_at < $cutoff";
                delete.Parameters.AddWithValue("$cutoff", Stamp(now - _retention));
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);
        return written > 0;
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
