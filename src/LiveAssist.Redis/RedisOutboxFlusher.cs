using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Redis;

/// <summary>Sends what waited in the outbox to Redis, oldest first, as soon as Redis answers again.</summary>
internal sealed partial class RedisOutboxFlusher(RedisConnection redis, RedisOutbox outbox, IEnumerable<IOutboxWriter> writers, IOptions<RedisOptions> options, TimeProvider time,
    ILogger<RedisOutboxFlusher> logger)
    : BackgroundService
{
    private readonly Dictionary<string, IOutboxWriter> _writers = writers.ToDictionary(w => w.Kind, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.OutboxRetryMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (redis.IsUp && await outbox.CountAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        try
        {
            while (outbox.Count > 0)
            {
                var batch = await outbox.OldestAsync(100, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var write in batch)
                {
                    if (write.Kind == RedisOutbox.CaptionKind)
                    {
                        if (await RedisCaptionStore.AppendAsync(redis, write.Key, write.Seq, write.Json, force: true).ConfigureAwait(false) == AppendResult.AlreadyThere)
                        {
                            LogAlreadyThere(logger, write.Key, write.Seq);
                        }
                    }
                    else if (write.Kind == RedisOutbox.SessionKind)
                    {
                        await RedisSessionStore.WriteAsync(redis, write.Json, cancellationToken).ConfigureAwait(false);
                    }
                    else if (_writers.TryGetValue(write.Kind, out var writer))
                    {
                        await writer.WriteAsync(write, cancellationToken).ConfigureAwait(false);
                    }

                    await outbox.DoneAsync(write, cancellationToken).ConfigureAwait(false);
                    sent++;
                }
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // still away: the rest waits for the next try
        }

        if (sent > 0)
        {
            LogFlushed(logger, sent, outbox.Count);
        }
    }

    [LoggerMessage(2101, LogLevel.Warning, "Redis is back: {Count} writes kept on this host during the outage are in Redis now ({Left} still waiting)")]
    private static partial void LogFlushed(ILogger logger, int count, long left);

    [LoggerMessage(2102, LogLevel.Warning, "Line {Seq} of session {Session} waited for Redis, but the session's stream already had that number or a later one: another host captioned the live meanwhile")]
    private static partial void LogAlreadyThere(ILogger logger, string session, long seq);
}
