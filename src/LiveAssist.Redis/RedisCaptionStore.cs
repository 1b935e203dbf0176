using System.Globalization;
using System.Text.Json;
using LiveAssist.Captions.Pipeline;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Final captions shared by every host: one Redis Stream per session (<c>captions:{session}</c>), one entry per line with
/// our sequence number as its id (<c>{seq}-0</c>) and the line's captions in every language, so a line is stored once and
/// in order, and any host replays a reader from its Last-Event-ID. This host's SQLite file stays the log it writes first
/// (an utterance is acknowledged once it is there): while Redis is away, lines wait in the outbox and go out in order when
/// it is back; reads then fall back to what this host has.
/// </summary>
public sealed partial class RedisCaptionStore(RedisConnection redis, SqliteCaptionStore local, RedisOutbox outbox, RedisCaptionRelay relay, TimeProvider time, ILogger<RedisCaptionStore> logger) : ICaptionStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisKey StreamKey(RedisConnection redis, string sessionId) => redis.Key("captions:" + sessionId);

    public static RedisChannel NotifyChannel(RedisConnection redis) => redis.Channel("captions");

    // KEYS: the newest number used, the numbers held (number -> until when, in ms), the stream. ARGV: this captioner's last
    // number, the hold in ms, the retention in ms. The newest number is the largest of the counter, the caller's and the
    // stream's (lines an outage kept on a host went out under numbers the counter never gave).
    private const string NextSeqScript = """
        local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
        local floor = tonumber(ARGV[1])
        if floor > cur then cur = floor end
        local last = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
        if #last > 0 then
          local n = tonumber(string.match(last[1][1], '^(%d+)'))
          if n > cur then cur = n end
        end
        cur = cur + 1
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        redis.call('SET', KEYS[1], cur, 'PX', ARGV[3])
        redis.call('HSET', KEYS[2], cur, now + tonumber(ARGV[2]))
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        return cur
        """;

    // Holds the number again from now (its line was said: translation and storage still to come).
    private const string HoldScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3]) end
        redis.call('HSET', KEYS[2], ARGV[1], now + tonumber(ARGV[2]))
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        return 1
        """;

    private const string ReleaseScript = """
        redis.call('HDEL', KEYS[2], ARGV[1])
        if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[1]) then redis.call('SET', KEYS[1], tonumber(ARGV[1]) - 1, 'KEEPTTL') end
        return 1
        """;

    // KEYS: stream, holds, counter. ARGV: seq, host, captions, force, retention ms, channel, notice, max lines.
    // -1: a line before it is still held (said on another host, not stored yet); 0: the stream has this number or a later
    // one already; 1: stored, and every host told.
    private const string AppendScript = """
        local seq = tonumber(ARGV[1])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local held = redis.call('HGETALL', KEYS[2])
        for i = 1, #held, 2 do
          local n = tonumber(held[i])
          if n < seq then
            if ARGV[4] == '0' and tonumber(held[i + 1]) > now then return -1 end
            redis.call('HDEL', KEYS[2], held[i])
          end
        end
        redis.call('HDEL', KEYS[2], ARGV[1])
        local added = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[8], ARGV[1] .. '-0', 'seq', ARGV[1], 'host', ARGV[2], 'captions', ARGV[3])
        if type(added) == 'table' and added.err then return 0 end
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        if tonumber(redis.call('GET', KEYS[3]) or '0') < seq then redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[5]) end
        redis.call('PUBLISH', ARGV[6], ARGV[7])
        return 1
        """;

    private static RedisKey CounterKey(RedisConnection redis, string sessionId) => redis.Key("seq:" + sessionId);

    private static RedisKey HoldsKey(RedisConnection redis, string sessionId) => redis.Key("seq-held:" + sessionId);

    public async Task<long> NextSeqAsync(string sessionId, long lastKnown, CancellationToken cancellationToken)
    {
        // This host's file only when its captioner has no number yet: afterwards it knows its own newest one.
        var mine = lastKnown >= 0 ? lastKnown : await local.LastSeqAsync(sessionId, cancellationToken).ConfigureAwait(false);
        try
        {
            var next = await redis.Database.ScriptEvaluateAsync(NextSeqScript,
                [CounterKey(redis, sessionId), HoldsKey(redis, sessionId), StreamKey(redis, sessionId)],
                [mine, (long)redis.LineHold.TotalMilliseconds, (long)redis.CaptionRetention.TotalMilliseconds]).WaitAsync(cancellationToken).ConfigureAwait(false);
            return (long)next;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // numbered from what this host knows; the live's other hosts cannot be asked
            return mine + 1;
        }
    }

    public async Task ReleaseSeqAsync(string sessionId, long seq, CancellationToken cancellationToken)
    {
        try
        {
            await redis.Database.ScriptEvaluateAsync(ReleaseScript, [CounterKey(redis, sessionId), HoldsKey(redis, sessionId)], [seq])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // the hold runs out by itself
        }
    }

    public async Task AddUtteranceAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        await local.AddUtteranceAsync(utterance, cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.Database.ScriptEvaluateAsync(HoldScript, [CounterKey(redis, utterance.SessionId), HoldsKey(redis, utterance.SessionId)],
                [utterance.Seq, (long)redis.LineHold.TotalMilliseconds, (long)redis.CaptionRetention.TotalMilliseconds]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // the line's captions carry its number to Redis later
        }
    }

    public async Task SaveCaptionsAsync(string sessionId, long seq, IReadOnlyCollection<Caption> captions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(captions);
        await local.SaveCaptionsAsync(sessionId, seq, captions, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(captions, Json);
        if (await outbox.IsWaitingAsync(RedisOutbox.CaptionKind, sessionId, cancellationToken).ConfigureAwait(false))
        {
            await outbox.AddAsync(RedisOutbox.CaptionKind, sessionId, seq, json, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            // A line numbered before this one on another host goes first; past the hold, it is not waited for any longer.
            var giveUpAt = time.GetTimestamp() + (long)(redis.LineHold.TotalSeconds * time.TimestampFrequency);
            AppendResult result;
            while ((result = await AppendAsync(redis, sessionId, seq, json, force: time.GetTimestamp() >= giveUpAt).ConfigureAwait(false)) == AppendResult.Held)
            {
                await Task.Delay(HeldRetry, time, cancellationToken).ConfigureAwait(false);
            }

            if (result == AppendResult.AlreadyThere)
            {
                LogLate(logger, sessionId, seq);
            }
            else
            {
                await relay.OwnLineStoredAsync(sessionId, seq, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await outbox.AddAsync(RedisOutbox.CaptionKind, sessionId, seq, json, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan HeldRetry = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// XADD with the line's number as id, then tells every host, in one script. A number the stream already has (or a
    /// later one) is a line already stored, or one that came too late: written once. Unless forced, a line waits while an
    /// earlier number of the live is held.
    /// </summary>
    internal static async Task<AppendResult> AppendAsync(RedisConnection redis, string sessionId, long seq, string json, bool force)
    {
        var seqText = seq.ToString(CultureInfo.InvariantCulture);
        var result = (long)await redis.Database.ScriptEvaluateAsync(AppendScript,
            [StreamKey(redis, sessionId), HoldsKey(redis, sessionId), CounterKey(redis, sessionId)],
            [seq, redis.HostId, json, force ? "1" : "0", (long)redis.CaptionRetention.TotalMilliseconds, NotifyChannel(redis).ToString(),
                $"{sessionId}|{seqText}|{redis.HostId}", redis.CaptionStreamMaxLines]).ConfigureAwait(false);
        return (AppendResult)result;
    }

    /// <summary>Lines after <paramref name="afterSeq"/> from the session's stream, in order.</summary>
    internal static async Task<IReadOnlyList<StoredLine>> ReadLinesAsync(RedisConnection redis, string sessionId, long afterSeq, int? count = null)
    {
        var entries = await redis.Database.StreamRangeAsync(StreamKey(redis, sessionId),
            (afterSeq + 1).ToString(CultureInfo.InvariantCulture) + "-0", "+", count).ConfigureAwait(false);
        return [.. entries.Select(Parse)];
    }

    internal static StoredLine Parse(StreamEntry entry)
        => new((long)entry["seq"], entry["host"].ToString(), JsonSerializer.Deserialize<List<Caption>>(entry["captions"].ToString(), Json) ?? []);

    public async Task<List<Caption>> ReadCaptionsAsync(string sessionId, string lang, long afterSeq, CancellationToken cancellationToken)
    {
        var mine = await local.ReadCaptionsAsync(sessionId, lang, afterSeq, cancellationToken).ConfigureAwait(false);
        try
        {
            var shared = (await ReadLinesAsync(redis, sessionId, afterSeq).ConfigureAwait(false))
                .SelectMany(l => l.Captions.Where(c => string.Equals(c.Lang, lang, StringComparison.OrdinalIgnoreCase))).ToList();
            if (mine.Count == 0)
            {
                return shared;
            }

            // Lines of this host still waiting for Redis come from its own file.
            var bySeq = shared.ToDictionary(c => c.Seq);
            foreach (var caption in mine)
            {
                bySeq.TryAdd(caption.Seq, caption);
            }

            return [.. bySeq.Values.OrderBy(c => c.Seq)];
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return mine;
        }
    }

    public async Task<Caption?> ReadCaptionAsync(string sessionId, string lang, long seq, CancellationToken cancellationToken)
    {
        try
        {
            var id = seq.ToString(CultureInfo.InvariantCulture) + "-0";
            var entries = await redis.Database.StreamRangeAsync(StreamKey(redis, sessionId), id, id).ConfigureAwait(false);
            if (entries.Length > 0 && Parse(entries[0]).Captions.FirstOrDefault(c => string.Equals(c.Lang, lang, StringComparison.OrdinalIgnoreCase)) is { } shared)
            {
                return shared;
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        return await local.ReadCaptionAsync(sessionId, lang, seq, cancellationToken).ConfigureAwait(false);
    }

    // What was said on this host (recovery after its own restart, exports of spoken text).
    public Task<List<Utterance>> ReadUtterancesAsync(string sessionId, CancellationToken cancellationToken) => local.ReadUtterancesAsync(sessionId, cancellationToken);

    public Task<List<Utterance>> ReadUncaptionedAsync(CancellationToken cancellationToken) => local.ReadUncaptionedAsync(cancellationToken);

    public async Task<long> LastSeqAsync(string sessionId, CancellationToken cancellationToken)
    {
        var mine = await local.LastSeqAsync(sessionId, cancellationToken).ConfigureAwait(false);
        try
        {
            var used = await redis.Database.StringGetAsync(redis.Key("seq:" + sessionId)).ConfigureAwait(false);
            var last = await LastLineAsync(sessionId).ConfigureAwait(false);
            return Math.Max(mine, Math.Max(used.HasValue ? (long)used : 0, last?.Seq ?? 0));
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return mine;
        }
    }

    public async Task<long> LastCaptionSeqAsync(string sessionId, string lang, CancellationToken cancellationToken)
    {
        var mine = await local.LastCaptionSeqAsync(sessionId, lang, cancellationToken).ConfigureAwait(false);
        try
        {
            return Math.Max(mine, (await LastLineAsync(sessionId).ConfigureAwait(false))?.Seq ?? 0);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return mine;
        }
    }

    public async Task<Dictionary<string, long>> LastCueEndsAsync(string sessionId, CancellationToken cancellationToken)
    {
        var mine = await local.LastCueEndsAsync(sessionId, cancellationToken).ConfigureAwait(false);
        try
        {
            if (await LastLineAsync(sessionId).ConfigureAwait(false) is { } last && last.Seq > await local.LastCaptionSeqAsync(sessionId, last.Captions.FirstOrDefault()?.Lang ?? string.Empty, cancellationToken).ConfigureAwait(false))
            {
                return last.Captions.ToDictionary(c => c.Lang, c => c.Cues.Count > 0 ? c.Cues[^1].EndMs : c.EndMs, StringComparer.OrdinalIgnoreCase);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        return mine;
    }

    public async Task<(long Utterances, long Captions)> CountAsync(string sessionId, CancellationToken cancellationToken)
    {
        var (utterances, captions) = await local.CountAsync(sessionId, cancellationToken).ConfigureAwait(false);
        try
        {
            var lines = await redis.Database.StreamLengthAsync(StreamKey(redis, sessionId)).ConfigureAwait(false);
            if (lines > utterances)
            {
                // Lines said on other hosts: count each line's captions from the newest one's languages.
                var languages = (await LastLineAsync(sessionId).ConfigureAwait(false))?.Captions.Count ?? 1;
                return (lines, Math.Max(captions, lines * languages));
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        return (utterances, captions);
    }

    [LoggerMessage(2103, LogLevel.Warning, "Line {Seq} of session {Session} came after later lines of the live were stored (it was held longer than Redis:LineHoldMs): it stays in this host's captions.db and exports, not in the shared stream")]
    private static partial void LogLate(ILogger logger, string session, long seq);

    private async Task<StoredLine?> LastLineAsync(string sessionId)
    {
        var entries = await redis.Database.StreamRangeAsync(StreamKey(redis, sessionId), "-", "+", 1, Order.Descending).ConfigureAwait(false);
        return entries.Length > 0 ? Parse(entries[0]) : null;
    }
}

internal enum AppendResult
{
    Held = -1,
    AlreadyThere = 0,
    Stored = 1,
}

/// <summary>One stream entry: a line's number, the host that captioned it, and its captions in every language.</summary>
internal sealed record StoredLine(long Seq, string Host, IReadOnlyList<Caption> Captions);
