using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveAssist.Captions.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Brings other hosts' caption lines to this host's readers. A host that stores a line tells every host on a channel;
/// this one then reads its sessions' streams from where it left off (XRANGE), so a notification lost while Redis was
/// away costs nothing: the next one, or the sweep each <see cref="RedisOptions.RelaySweepMs"/>, reads the gap. Lines are
/// only relayed, never translated again: the host that received the utterance captioned it for every language.
/// </summary>
public sealed partial class RedisCaptionRelay(RedisConnection redis, CaptionHub hub, IOptions<RedisOptions> options, TimeProvider time, ILogger<RedisCaptionRelay> logger)
    : BackgroundService
{
    /// <summary>How many recent lines a host relays for a session it has not followed yet (readers drop those they have).</summary>
    private const int Baseline = 32;

    private readonly ConcurrentDictionary<string, SessionPlace> _places = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscriber = redis.Multiplexer.GetSubscriber();
        await SubscribeAsync(subscriber, stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RelaySweepMs), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!redis.IsUp)
                {
                    continue;
                }

                foreach (var session in hub.SessionsWithListeners())
                {
                    await CatchUpAsync(session, null, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SubscribeAsync(ISubscriber subscriber, CancellationToken cancellationToken)
    {
        // Subscriptions are renewed by the client after a reconnect; until Redis first answers, try again.
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await subscriber.SubscribeAsync(RedisCaptionStore.NotifyChannel(redis), (_, message) => OnLineStored(message.ToString(), cancellationToken)).ConfigureAwait(false);
                await subscriber.SubscribeAsync(RedisCaptionBackplane.Channel(redis), (_, message) => OnEvent(message.ToString())).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis.Failed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.OutboxRetryMs), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void OnLineStored(string message, CancellationToken cancellationToken)
    {
        var parts = message.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return;
        }

        if (parts[2] == redis.HostId)
        {
            // This host captioned the line and published it to its readers already; lines before it from another host
            // (the live captioned on two hosts at once) still come through the catch-up, which skips this host's own.
            var place = _places.GetOrAdd(parts[0], _ => new SessionPlace());
            if (Interlocked.CompareExchange(ref place.Seq, seq, seq - 1) == seq - 1 || Interlocked.Read(ref place.Seq) >= seq)
            {
                return;
            }
        }

        _ = CatchUpAsync(parts[0], seq, cancellationToken); // the handler must not block the subscriber's queue
    }

    private void OnEvent(string message)
    {
        try
        {
            var relayed = JsonSerializer.Deserialize<RelayedEvent>(message, RedisCaptionStore.Json);
            if (relayed is null || relayed.Host == redis.HostId)
            {
                return;
            }

            hub.PublishLocal(relayed.Session, relayed.Channel, new SseEvent(relayed.Name, relayed.Seq, relayed.Final, Encoding.UTF8.GetBytes(relayed.Data)) { Lang = relayed.Lang });
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>
    /// This host stored its own line <paramref name="seq"/> and is about to publish it to its readers. Lines before it
    /// that other hosts captioned (the live said on two hosts at once) reach this host's readers first; and until this
    /// host has published it, another host's later line brings this one along first (from the stream): a reader's stream
    /// skips a line older than one it has sent, so each reader must get a live's lines in order.
    /// </summary>
    internal async Task OwnLineStoredAsync(string sessionId, long seq, CancellationToken cancellationToken)
    {
        var place = _places.GetOrAdd(sessionId, _ => new SessionPlace());
        Interlocked.Exchange(ref place.OwnPending, seq);
        if (hub.ListenerCount(sessionId) > 0 && Interlocked.Read(ref place.Seq) < seq - 1)
        {
            await CatchUpAsync(sessionId, seq - 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes to this host's readers the session's lines after the last one relayed (the recent ones when it is new here).</summary>
    private async Task CatchUpAsync(string sessionId, long? notified, CancellationToken cancellationToken)
    {
        var place = _places.GetOrAdd(sessionId, _ => new SessionPlace());
        try
        {
            await place.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            var after = Interlocked.Read(ref place.Seq);
            if (notified is { } known && known <= after)
            {
                return;
            }

            if (hub.ListenerCount(sessionId) == 0)
            {
                // Nobody reads it here: a reader that comes later replays from the stream.
                if (notified is { } seq)
                {
                    InterlockedMax(ref place.Seq, seq);
                }

                return;
            }

            // This host's newest line may not be published here yet: read from it, so it goes before any later line.
            var pending = Interlocked.Read(ref place.OwnPending);
            IReadOnlyList<StoredLine> lines;
            if (after < 0)
            {
                var recent = await redis.Database.StreamRangeAsync(RedisCaptionStore.StreamKey(redis, sessionId), "-", "+", Baseline, Order.Descending).ConfigureAwait(false);
                lines = [.. recent.Select(RedisCaptionStore.Parse).Reverse()];
            }
            else
            {
                lines = await RedisCaptionStore.ReadLinesAsync(redis, sessionId, pending > 0 ? Math.Min(after, pending - 1) : after).ConfigureAwait(false);
            }

            StoredLine? ownNotYetShown = null;
            foreach (var line in lines)
            {
                if (line.Host == redis.HostId)
                {
                    if (line.Seq == pending)
                    {
                        ownNotYetShown = line;
                    }
                }
                else if (line.Seq > after)
                {
                    if (ownNotYetShown is not null)
                    {
                        // Sent again when this host publishes it: a reader's stream drops a line it has.
                        PublishLocal(sessionId, ownNotYetShown);
                        Interlocked.CompareExchange(ref place.OwnPending, 0, pending);
                        ownNotYetShown = null;
                    }

                    PublishLocal(sessionId, line);
                }

                InterlockedMax(ref place.Seq, line.Seq);
            }

            if (lines.Count == 0 && after < 0)
            {
                InterlockedMax(ref place.Seq, 0);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // the sweep reads the gap when Redis is back
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or FormatException)
        {
            LogBadEntry(logger, sessionId, e);
        }
        finally
        {
            place.Gate.Release();
        }
    }

    private void PublishLocal(string sessionId, StoredLine line)
    {
        foreach (var caption in line.Captions)
        {
            hub.PublishLocal(sessionId, caption.Lang, SseEvent.Create("caption", caption.Seq, true, caption.ForBuyers(), caption.Lang));
            hub.PublishLocal(sessionId, CaptionHub.HostChannel(caption.Lang), SseEvent.Create("caption", caption.Seq, true, caption, caption.Lang));
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class SessionPlace
    {
        public readonly SemaphoreSlim Gate = new(1, 1);

        /// <summary>The newest line relayed (or known to be there) for this session; -1 before the first.</summary>
        public long Seq = -1;

        /// <summary>This host's newest line of the session, which it may not have published to its readers yet (0: none).</summary>
        public long OwnPending;
    }

    [LoggerMessage(2201, LogLevel.Error, "A caption line of session {Session} in Redis could not be read")]
    private static partial void LogBadEntry(ILogger logger, string session, Exception exception);
}
