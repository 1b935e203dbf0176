using System.Globalization;
using System.Text.Json;
using LiveAssist.Captions.Pipeline;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Final captions shared by every host: one Redis Stream per session (<c>captions:{session}</c>), one entry per line with
/// our sequence number as its id (<c>{seq}-0</c>) and the line's captions in every language, so a line is stored once and
/// in order, and any host replays a reader from its Last-Event-ID. This host's SQLite file stays the log it writes first
/// (an utterance is acknowledged once it is there): while Redis is away, lines wait in the outbox and go out in order when
/// it is back; reads then fall back to what this host has.
/// </summary>
public sealed class RedisCaptionStore(RedisConnection redis, SqliteCaptionStore local, RedisOutbox outbox) : ICaptionStore
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RedisKey StreamKey(RedisConnection redis, string sessionId) => redis.Key("captions:" + sessionId);

    public static RedisChannel NotifyChannel(RedisConnection redis) => redis.Channel("captions");

    public async Task AddUtteranceAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        await local.AddUtteranceAsync(utterance, cancellationToken).ConfigureAwait(false);
        try
        {
            // The newest number a session used, for a host that takes the live over (its console moved after a crash).
            await redis.Database.ScriptEvaluateAsync(
                "if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end return 1",
                [redis.Key("seq:" + utterance.SessionId)], [utterance.Seq]).ConfigureAwait(false);
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
        if (outbox.IsWaiting(RedisOutbox.CaptionKind, sessionId))
        {
            await outbox.AddAsync(RedisOutbox.CaptionKind, sessionId, seq, json, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await AppendAsync(redis, sessionId, seq, json).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await outbox.AddAsync(RedisOutbox.CaptionKind, sessionId, seq, json, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>XADD with the line's number as id, then tells every host. A number the stream already has is a line already stored: written once.</summary>
    internal static async Task<bool> AppendAsync(RedisConnection redis, string sessionId, long seq, string json)
    {
        try
        {
            await redis.Database.StreamAddAsync(StreamKey(redis, sessionId),
                [new NameValueEntry("seq", seq), new NameValueEntry("host", redis.HostId), new NameValueEntry("captions", json)],
                messageId: seq.ToString(CultureInfo.InvariantCulture) + "-0").ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.Contains("equal or smaller", StringComparison.Ordinal))
        {
            return false;
        }

        _ = redis.Database.KeyExpireAsync(StreamKey(redis, sessionId), redis.CaptionRetention, CommandFlags.FireAndForget);
        await redis.Database.PublishAsync(NotifyChannel(redis), $"{sessionId}|{seq.ToString(CultureInfo.InvariantCulture)}|{redis.HostId}").ConfigureAwait(false);
        return true;
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

    private async Task<StoredLine?> LastLineAsync(string sessionId)
    {
        var entries = await redis.Database.StreamRangeAsync(StreamKey(redis, sessionId), "-", "+", 1, Order.Descending).ConfigureAwait(false);
        return entries.Length > 0 ? Parse(entries[0]) : null;
    }
}

/// <summary>One stream entry: a line's number, the host that captioned it, and its captions in every language.</summary>
internal sealed record StoredLine(long Seq, string Host, IReadOnlyList<Caption> Captions);
