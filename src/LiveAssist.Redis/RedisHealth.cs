using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>What <c>/readyz</c> says about Redis: up or down, since when and why, and how many writes wait on this host.</summary>
public sealed class RedisHealth(RedisConnection redis, RedisOutbox outbox)
{
    public async Task<RedisStatus> CheckAsync(CancellationToken cancellationToken)
    {
        string? error = null;
        double? pingMs = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            pingMs = (await redis.Database.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false)).TotalMilliseconds;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e) || e is RedisException)
        {
            redis.Failed(e);
            // The client's own diagnostics (pool, thread counts) follow the first ';': readyz gives the reason only.
            var reason = (redis.LastError ?? e.Message).Split(';')[0];
            error = reason.Length > 200 ? reason[..200] : reason;
        }

        return new RedisStatus(error is null ? "up" : "down", redis.HostId, pingMs is { } ms ? Math.Round(ms, 2) : null,
            await outbox.CountAsync(cancellationToken).ConfigureAwait(false),
            error is null ? null : redis.DownSince, error);
    }
}

/// <param name="PendingWrites">Writes this host acknowledged while Redis was away and has not written there yet.</param>
public sealed record RedisStatus(string Status, string Host, double? PingMs, long PendingWrites, DateTimeOffset? DownSince, string? Error);
