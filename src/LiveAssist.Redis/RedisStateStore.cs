using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.State;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Bot state in Redis, one hash per record (<c>state:{key}</c>: the JSON and its ETag), written by a Lua compare-and-set so a
/// turn on one host never overwrites what another host's turn stored meanwhile (<see cref="StateMiddleware"/> merges and
/// retries). Records expire after the retention period, as in SQLite. While Redis is away this host's SQLite store serves
/// (state written then stays on this host).
/// </summary>
public sealed class RedisStateStore(RedisConnection redis, IStateStore local, TimeSpan retention) : IStateStore
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
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = await redis.Database.ScriptEvaluateAsync(WriteScript, [Key(key)],
                [expectedETag ?? string.Empty, value.ToJsonString(), Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), (long)retention.TotalMilliseconds]).ConfigureAwait(false);
            return (long)written == 1;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await local.WriteAsync(key, value, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
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
