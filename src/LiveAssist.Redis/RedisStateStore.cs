using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.State;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Bot state in Redis, one hash per record (<c>state:{key}</c>: the JSON and its ETag), written by a Lua compare-and-set so a
/// turn on one host never overwrites what another host's turn stored meanwhile (<see cref="StateMiddleware"/> merges and
/// retries). Records expire after the retention period, as in SQLite. Each write also goes to this host's SQLite store, which
/// serves while Redis is away;
/// what is written then waits in the outbox and goes to Redis when it is back (last writer wins for that record), and
/// until then this host reads that record from its own store.
/// </summary>
public sealed class RedisStateStore(RedisConnection redis, IStateStore local, TimeSpan retention, RedisOutbox outbox) : IStateStore, IOutboxWriter
{
    // ARGV[1]: the ETag the writer read ('' = none, '*' = any).
    private const string WriteScript = """
        local current = redis.call('HGET', KEYS[1], 'etag')
        if ARGV[1] ~= '*' then
          if current == false then
            if ARGV[1] ~= '' then return 0 end
          elseif current ~= ARGV[1] then
            return 0
          end
        end
        redis.call('HSET', KEYS[1], 'json', ARGV[2], 'etag', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    public async Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken)
        => (await ReadVersionedAsync(key, cancellationToken).ConfigureAwait(false)).Value;

    public async Task<StateRecord> ReadVersionedAsync(string key, CancellationToken cancellationToken)
    {
        if (await outbox.IsWaitingAsync(RedisOutbox.StateKind, key, cancellationToken).ConfigureAwait(false))
        {
            return new StateRecord(await local.ReadAsync(key, cancellationToken).ConfigureAwait(false), null);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = await redis.Database.HashGetAsync(Key(key), ["json", "etag"]).ConfigureAwait(false);
            return values[0].HasValue
                ? new StateRecord(JsonNode.Parse(values[0].ToString()) as JsonObject, values[1].ToString())
                : new StateRecord(null, null);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return new StateRecord(await local.ReadAsync(key, cancellationToken).ConfigureAwait(false), null);
        }
    }

    public Task WriteAsync(string key, JsonObject value, CancellationToken cancellationToken) => TryWriteAsync(key, value, "*", cancellationToken);

    public async Task<bool> TryWriteAsync(string key, JsonObject value, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (await outbox.IsWaitingAsync(RedisOutbox.StateKind, key, cancellationToken).ConfigureAwait(false))
        {
            await KeepAsync(key, value, cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await WriteSharedAsync(key, value.ToJsonString(), expectedETag ?? string.Empty).ConfigureAwait(false))
            {
                return false;
            }

            // Also this host's own copy: a buyer whose turns run here keeps their place in the flow if Redis goes away.
            await local.WriteAsync(key, value, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await KeepAsync(key, value, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task KeepAsync(string key, JsonObject value, CancellationToken cancellationToken)
    {
        await local.WriteAsync(key, value, cancellationToken).ConfigureAwait(false);
        await outbox.AddAsync(RedisOutbox.StateKind, key, 0, value.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> WriteSharedAsync(string key, string json, string expectedETag)
    {
        var written = await redis.Database.ScriptEvaluateAsync(WriteScript, [Key(key)],
            [expectedETag, json, Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), (long)retention.TotalMilliseconds]).ConfigureAwait(false);
        return (long)written == 1;
    }

    string IOutboxWriter.Kind => RedisOutbox.StateKind;

    // Empty: the record was deleted while its write waited.
    async Task IOutboxWriter.WriteAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        if (write.Json.Length == 0)
        {
            await redis.Database.KeyDeleteAsync(Key(write.Key)).ConfigureAwait(false);
            return;
        }

        await WriteSharedAsync(write.Key, write.Json, "*").ConfigureAwait(false);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (await outbox.IsWaitingAsync(RedisOutbox.StateKind, key, cancellationToken).ConfigureAwait(false))
        {
            await local.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            await outbox.AddAsync(RedisOutbox.StateKind, key, 0, string.Empty, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await redis.Database.KeyDeleteAsync(Key(key)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        await local.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private RedisKey Key(string key) => redis.Key("state:" + key);
}
