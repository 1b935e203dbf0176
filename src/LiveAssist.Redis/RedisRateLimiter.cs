using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// A fixed-window budget every host counts against: <c>INCR</c> on <c>limit:{key}:{window}</c> with the window as expiry, so
/// a client spread over hosts by the load balancer gets the budget once, not once per host. While Redis is away each host
/// counts on its own (<paramref name="fallback"/>): clients are never refused because Redis is.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, string key, int permits, TimeSpan window, RateLimiter fallback, TimeProvider time) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);
    private long _lastUsedTicks = time.GetTimestamp();

    public override TimeSpan? IdleDuration => time.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => fallback.GetStatistics();

    // The middleware tries this first and then waits on AcquireAsync: the count lives in Redis, so it is only asked there.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? Granted : Refused;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, time.GetTimestamp());
        if (!redis.IsUp)
        {
            return await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var windowMs = (long)window.TotalMilliseconds;
            var slot = time.GetUtcNow().ToUnixTimeMilliseconds() / windowMs;
            var counter = redis.Key($"limit:{key}:{slot}");
            var batch = redis.Database.CreateBatch();
            var count = batch.StringIncrementAsync(counter, permitCount);
            var expiry = batch.KeyExpireAsync(counter, window + TimeSpan.FromSeconds(1));
            batch.Execute();
            var used = await count.ConfigureAwait(false);
            await expiry.ConfigureAwait(false);
            return used <= permits ? Granted : Refused;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return await fallback.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>Makes the shared budgets: what the host's rate-limit policies and the buyer-turn budget use when Redis is configured.</summary>
public sealed class RedisRateLimiters(RedisConnection redis, TimeProvider time)
{
    public RateLimiter PerWindow(string key, int permits, TimeSpan window)
        => new RedisRateLimiter(redis, key, permits, window,
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }), time);
}
