using System.Collections.Concurrent;
using LiveAssist.Storage;

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
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private volatile bool _loaded;
    private long _count;

    public RedisOutbox(SqliteDatabase database)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _database.EnsureSchema("""
            CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL);
            """);
    }

    /// <summary>Writes waiting for Redis, as last counted (0 until the outbox is first used; <see cref="CountAsync"/> counts).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Writes waiting for Redis, including those a previous run of this host left.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await TryLoadAsync(cancellationToken).ConfigureAwait(false);
        return Count;
    }

    /// <summary>True while a write of this kind and key waits: a newer one must queue behind it, not overtake it.</summary>
    public async ValueTask<bool> IsWaitingAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await TryLoadAsync(cancellationToken).ConfigureAwait(false);
        return Count > 0 && _waiting.TryGetValue((kind, key), out var n) && n > 0;
    }

    // An unusable outbox file holds nothing this host can send: reads and writes go on (and /readyz names the file),
    // and what it held is counted once the file answers again.
    private async ValueTask TryLoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DataFileUnavailableException)
        {
        }
    }

    // What a previous run left is counted on first use, not in the constructor (no I/O while the host is composed).
    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT kind, key FROM pending";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _count);
                _waiting.AddOrUpdate((reader.GetString(0), reader.GetString(1)), 1, (_, n) => n + 1);
            }

            _loaded = true;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public async Task AddAsync(string kind, string key, long seq, string json, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
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
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
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
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
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
