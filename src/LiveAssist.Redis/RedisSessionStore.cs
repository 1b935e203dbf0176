using System.Text.Json;
using LiveAssist.Sessions;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Live sessions in Redis, so every host reads the same session, product on screen, product list, glossary and script.
/// Each save also goes to this host's SQLite file: while Redis is away the host keeps serving the lives it has, and a save
/// it could not make in Redis waits in the outbox until Redis is back.
/// </summary>
/// <remarks>
/// Keys: <c>session:{id}</c> (the session as JSON), <c>sessions:live</c> and <c>sessions:owner:{owner}</c> (sorted sets by start time).
/// </remarks>
public sealed class RedisSessionStore(RedisConnection redis, SqliteSessionStore local, RedisOutbox outbox) : ISessionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SaveAsync(LiveSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await local.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(session, Json);
        if (await outbox.IsWaitingAsync(RedisOutbox.SessionKind, session.Id, cancellationToken).ConfigureAwait(false))
        {
            await outbox.AddAsync(RedisOutbox.SessionKind, session.Id, 0, json, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await WriteAsync(redis, json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await outbox.AddAsync(RedisOutbox.SessionKind, session.Id, 0, json, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a session's JSON and its indexes (also what the outbox does when Redis is back).</summary>
    internal static async Task WriteAsync(RedisConnection redis, string json, CancellationToken cancellationToken)
    {
        var session = JsonSerializer.Deserialize<LiveSession>(json, Json)!;
        cancellationToken.ThrowIfCancellationRequested();
        var batch = redis.Database.CreateTransaction();
        AddWrites(redis, batch, session, json);
        await batch.ExecuteAsync().ConfigureAwait(false);
    }

    private static void AddWrites(RedisConnection redis, ITransaction batch, LiveSession session, string json)
    {
        var score = session.CreatedAt.ToUnixTimeMilliseconds();
        _ = batch.StringSetAsync(redis.Key("session:" + session.Id), json);
        _ = session.IsLive
            ? batch.SortedSetAddAsync(redis.Key("sessions:live"), session.Id, score)
            : batch.SortedSetRemoveAsync(redis.Key("sessions:live"), session.Id);
        if (session.Owner is { Length: > 0 } owner)
        {
            _ = batch.SortedSetAddAsync(redis.Key("sessions:owner:" + owner.ToLowerInvariant()), session.Id, score);
        }
    }

    /// <summary>How often a change is applied again to a newer copy before it is saved over whatever is there.</summary>
    private const int MaxAttempts = 20;

    public async Task<LiveSession?> UpdateAsync(string id, Func<LiveSession, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = redis.Key("session:" + id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            RedisValue stored;
            try
            {
                stored = await outbox.IsWaitingAsync(RedisOutbox.SessionKind, id, cancellationToken).ConfigureAwait(false)
                    ? RedisValue.Null
                    : await redis.Database.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis.Failed(e);
                stored = RedisValue.Null;
            }

            if (!stored.HasValue)
            {
                // Redis is away, or has not got this host's copy yet: this host's copy, saved through the outbox.
                if (await local.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } mine)
                {
                    return null;
                }

                if (change(mine))
                {
                    await SaveAsync(mine, cancellationToken).ConfigureAwait(false);
                }

                return mine;
            }

            var session = JsonSerializer.Deserialize<LiveSession>(stored.ToString(), Json)!;
            if (!change(session))
            {
                return session;
            }

            var json = JsonSerializer.Serialize(session, Json);
            try
            {
                var batch = redis.Database.CreateTransaction();
                batch.AddCondition(Condition.StringEqual(key, stored));
                AddWrites(redis, batch, session, json);
                if (await batch.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    await local.SaveAsync(session, cancellationToken).ConfigureAwait(false);
                    return session;
                }
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis.Failed(e);
                await SaveAsync(session, cancellationToken).ConfigureAwait(false);
                return session;
            }

            // Another host saved the live in between: apply the change to its copy.
        }

        var last = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (last is not null && change(last))
        {
            await SaveAsync(last, cancellationToken).ConfigureAwait(false);
        }

        return last;
    }

    public async Task<LiveSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var json = await redis.Database.StringGetAsync(redis.Key("session:" + id)).ConfigureAwait(false);
            if (json.HasValue)
            {
                return JsonSerializer.Deserialize<LiveSession>(json.ToString(), Json);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        // Redis is away, or this host started the session while it was and has not written it yet.
        return await local.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LiveSession>> ListByOwnerAsync(string owner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        try
        {
            var ids = await redis.Database.SortedSetRangeByRankAsync(redis.Key("sessions:owner:" + owner.ToLowerInvariant()), 0, limit - 1, Order.Descending).ConfigureAwait(false);
            return await ReadAllAsync(ids).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return await local.ListByOwnerAsync(owner, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<LiveSession?> GetLatestLiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ids = await redis.Database.SortedSetRangeByRankAsync(redis.Key("sessions:live"), 0, 0, Order.Descending).ConfigureAwait(false);
            return (await ReadAllAsync(ids).ConfigureAwait(false)).FirstOrDefault(s => s.IsLive);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return await local.GetLatestLiveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<LiveSession>> ReadAllAsync(RedisValue[] ids)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await redis.Database.StringGetAsync([.. ids.Select(i => redis.Key("session:" + i))]).ConfigureAwait(false);
        return [.. values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<LiveSession>(v.ToString(), Json)!)];
    }
}
