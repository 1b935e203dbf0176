using System.Security.Cryptography;
using LiveAssist.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Results made once for all hosts (presenter lines with their audio) as Redis strings <c>made:{key}</c> that expire
/// after <see cref="RedisOptions.MadeOnceRetentionHours"/>, at most <see cref="RedisOptions.MadeOnceMaxBytes"/> each; the
/// claim on making one is <c>made:{key}:claim</c> (SET NX PX, deleted only by its holder). While Redis is away every
/// host makes what it is asked for itself, as on one machine.
/// </summary>
public sealed partial class RedisMadeOnceStore(RedisConnection redis, IOptions<RedisOptions> options, ILogger<RedisMadeOnceStore> logger) : IMadeOnceStore
{
    // Deletes the claim only if it is still ours: a claim that lapsed may belong to another host by now.
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private const string RenewScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var value = await redis.Database.StringGetAsync(Key(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
            return value.IsNull ? null : (byte[]?)value;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return null;
        }
    }

    public async Task<string?> ClaimAsync(string key, TimeSpan hold, CancellationToken cancellationToken)
    {
        var token = redis.HostId + ":" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        try
        {
            return await redis.Database.StringSetAsync(Claim(key), token, hold, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false) ? token : null;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return token; // nobody to ask: make it here
        }
    }

    public async Task<bool> RenewAsync(string key, string token, TimeSpan hold, CancellationToken cancellationToken)
    {
        try
        {
            return (long)await redis.Database.ScriptEvaluateAsync(RenewScript, [Claim(key)], [token, (long)hold.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return true; // nobody to ask: this host goes on making it
        }
    }

    public async Task<bool> IsClaimedAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.Database.KeyExistsAsync(Claim(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return false;
        }
    }

    public async Task SaveAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > options.Value.MadeOnceMaxBytes)
        {
            LogTooLarge(logger, key, value.Length, options.Value.MadeOnceMaxBytes);
            return;
        }

        try
        {
            await redis.Database.StringSetAsync(Key(key), value, TimeSpan.FromHours(options.Value.MadeOnceRetentionHours)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // kept on this host only; another host asked for it makes its own
        }
    }

    public async Task ReleaseAsync(string key, string token, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.ScriptEvaluateAsync(ReleaseScript, [Claim(key)], [token]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // the claim lapses by itself
        }
    }

    private RedisKey Key(string key) => redis.Key("made:" + key);

    private RedisKey Claim(string key) => redis.Key("made:" + key + ":claim");

    [LoggerMessage(2301, LogLevel.Warning, "{Key} is {Bytes} bytes, over Redis:MadeOnceMaxBytes ({Max}): kept on this host only, other hosts make their own")]
    private static partial void LogTooLarge(ILogger logger, string key, int bytes, int max);
}
