using System.Collections.Concurrent;
using LiveAssist.Storage;
using Microsoft.Data.Sqlite;

namespace LiveAssist.Redis;

/// <summary>
/// Writes this host acknowledged while Redis was away (<c>redis-outbox.db</c>), oldest first: they survive a restart of
/// this host and go out in order when Redis is back (<see cref="RedisOutboxFlusher"/>). A session with lines waiting
/// here queues its new lines behind them, so the shared stream keeps the order they were said in.
/// </summary>
public sealed class RedisOutbox
{
    public const string CaptionKind = "caption";
    public const string SessionKind = "session";
    public const string DirectLineKind = "directline";
    public const string StateKind = "state";
    public const string ReviewKind = "review";
    public const string SignOutKind = "signout";

    private readonly SqliteDatabase _database;
    private readonly ConcurrentDictionary<(string Kind, string Key), int> _waiting = new();
    private long _count;

    public RedisOutbox(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
            """);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, key FROM pending";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _count++;
            _waiting.AddOrUpdate((reader.GetString(0), reader.GetString(1)), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Writes waiting for Redis.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>True while a write of this kind and key waits: a newer one must queue behind it, not overtake it.</summary>
    public bool IsWaiting(string kind, string key) => Count > 0 && _waiting.TryGetValue((kind, key), out var n) && n > 0;

    public async Task AddAsync(string kind, string key, long seq, string json, CancellationToken cancellationToken)
    {
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO pending (kind, key, seq, json) VALUES ($k, $key, $q, $j)";
            command.Parameters.AddWithValue("$k", kind);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$q", seq);
            command.Parameters.AddWithValue("$j", json);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _waiting.AddOrUpdate((kind, key), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The oldest writes waiting, in the order they were acknowledged.</summary>
    public async Task<IReadOnlyList<PendingWrite>> OldestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, kind, key, seq, json FROM pending ORDER BY id LIMIT $n";
        command.Parameters.AddWithValue("$n", limit);
        var result = new List<PendingWrite>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new PendingWrite(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return result;
    }

    /// <summary>Forgets a write once Redis has it.</summary>
    public async Task DoneAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM pending WHERE id = $id";
            command.Parameters.AddWithValue("$id", write.Id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _waiting.AddOrUpdate((write.Kind, write.Key), 0, (_, n) => Math.Max(0, n - 1));
        Interlocked.Decrement(ref _count);
    }
}

public sealed record PendingWrite(long Id, string Kind, string Key, long Seq, string Json);
