using System.Globalization;
using System.Security.Cryptography;
using LiveAssist.BotFramework.Schema;
using LiveAssist.DirectLine;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Direct Line conversations in Redis: a sorted set of activities by position per conversation, positions from one counter
/// (a Lua script gives the position, writes the activity with it and tells the other hosts, in one step, so no host ever
/// sees a gap), who was announced to the bot, and one watermark epoch for all hosts. A buyer's poll or WebSocket continues
/// on any host; a conversation idle longer than <see cref="DirectLineOptions.IdleConversationMinutes"/> expires.
/// </summary>
public sealed class RedisDirectLineLog : IDirectLineLog, IOutboxWriter
{
    // ARGV[7]: the position a host kept the activity at during an outage (0: the next one). Taken meanwhile by another
    // host's activity, it goes after that one.
    private const string AppendScript = """
        local pos = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
        if tonumber(ARGV[7]) > pos then pos = tonumber(ARGV[7]) end
        redis.call('SET', KEYS[1], pos)
        local json = string.gsub(ARGV[1], ARGV[2], string.format('%07d', pos))
        redis.call('ZADD', KEYS[2], pos, json)
        local keep = tonumber(ARGV[3])
        local n = redis.call('ZCARD', KEYS[2])
        if n > keep then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, n - keep - 1) end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('PUBLISH', ARGV[5], ARGV[6] .. '|' .. pos)
        return pos
        """;

    private readonly RedisConnection _redis;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly RedisOutbox _outbox;

    public RedisDirectLineLog(RedisConnection redis, IOptions<DirectLineOptions> options, RedisOutbox outbox)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        try
        {
            var key = redis.Key("directline:epoch");
            redis.Database.StringSet(key, Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant(), when: When.NotExists);
            Epoch = redis.Database.StringGet(key).ToString();
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e); // this process's own epoch: a watermark from another host replays the conversation from its start
        }
    }

    public string? Epoch { get; }

    public static RedisChannel Channel(RedisConnection redis) => redis.Channel("directline");

    private TimeSpan Expiry => TimeSpan.FromMinutes(Math.Max(1, _options.Value.IdleConversationMinutes) * 2);

    public async Task<long?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (await _outbox.IsWaitingAsync(RedisOutbox.DirectLineKind, conversationId, cancellationToken).ConfigureAwait(false))
        {
            return null; // behind what this host kept during the outage: kept here too, and written after it
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await WriteAsync(conversationId, ActivitySerializer.Serialize(activity), 0).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            _redis.Failed(e);
            return null;
        }
    }

    public Task KeepForLaterAsync(string conversationId, long position, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var json = ActivitySerializer.Serialize(activity).Replace(
            $"\"{conversationId}|{position.ToString("D7", CultureInfo.InvariantCulture)}\"", $"\"{conversationId}|{IDirectLineLog.PositionPlaceholder}\"", StringComparison.Ordinal);
        return _outbox.AddAsync(RedisOutbox.DirectLineKind, conversationId, position, json, cancellationToken);
    }

    string IOutboxWriter.Kind => RedisOutbox.DirectLineKind;

    // An activity kept during an outage goes at the position this host gave it (after the other hosts' ones if taken meanwhile).
    Task IOutboxWriter.WriteAsync(PendingWrite write, CancellationToken cancellationToken) => WriteAsync(write.Key, write.Json, write.Seq);

    private async Task<long> WriteAsync(string conversationId, string json, long wantedPosition)
    {
        var result = await _redis.Database.ScriptEvaluateAsync(AppendScript,
            [_redis.Key($"directline:{conversationId}:pos"), _redis.Key($"directline:{conversationId}:log")],
            [json, IDirectLineLog.PositionPlaceholder, _options.Value.MaxActivitiesPerConversation,
                (long)Expiry.TotalMilliseconds, Channel(_redis).ToString(), conversationId + "|" + _redis.HostId, wantedPosition]).ConfigureAwait(false);
        return (long)result;
    }

    public async Task<IReadOnlyList<(long Position, Activity Activity)>?> ReadAfterAsync(string conversationId, long after, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await _redis.Database.SortedSetRangeByScoreWithScoresAsync(_redis.Key($"directline:{conversationId}:log"), after, double.PositiveInfinity, Exclude.Start)
                .ConfigureAwait(false);
            return [.. entries.Select(e => ((long)e.Score, ActivitySerializer.Deserialize(e.Element.ToString())))];
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            _redis.Failed(e);
            return null;
        }
    }

    public async Task<bool?> StartAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await _redis.Database.StringSetAsync(_redis.Key($"directline:{conversationId}:started"), "1", Expiry, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            _redis.Failed(e);
            return null;
        }
    }

    public async Task<bool?> AnnounceAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = _redis.Key($"directline:{conversationId}:users");
            var added = await _redis.Database.SetAddAsync(key, userId).ConfigureAwait(false);
            await _redis.Database.KeyExpireAsync(key, Expiry).ConfigureAwait(false);
            return added;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            _redis.Failed(e);
            return null;
        }
    }

    /// <summary>Parses a notification: the conversation, the host that appended, and the position.</summary>
    internal static (string Conversation, string Host, long Position)? ParseNotice(string message)
    {
        var parts = message.Split('|');
        return parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? (parts[0], parts[1], position) : null;
    }
}
