using System.Text.Json;
using LiveAssist.BuyerQa;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.Review;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Replies to buyers the compliance review fired on, in Redis (<c>reviews:{session}</c>, a list of JSON oldest first, at
/// most <see cref="BuyerQaOptions.MaxReviewedRepliesPerSession"/>), so the console on any host shows replies reviewed on
/// another. While Redis is away this host's <c>buyerqa.db</c> keeps them (listed with the shared ones here) and the outbox
/// writes them to Redis when it is back, so every host shows them then.
/// </summary>
public sealed class RedisReplyReviewLog(RedisConnection redis, ReplyReviewLog local, IOptions<BuyerQaOptions> options, RedisOutbox outbox) : IReplyReviewLog, IOutboxWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Bounded per live, as the SQLite log is: the list only grows while it is under the cap (checked and pushed in one step).
    private const string AddScript = "if redis.call('LLEN', KEYS[1]) < tonumber(ARGV[2]) then redis.call('RPUSH', KEYS[1], ARGV[1]) end redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";

    public async Task AddAsync(ReviewedReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var json = JsonSerializer.Serialize(reply, Json);
        try
        {
            await AddSharedAsync(reply.SessionId, json).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await local.AddAsync(reply, cancellationToken).ConfigureAwait(false);
            await outbox.AddAsync(RedisOutbox.ReviewKind, reply.SessionId ?? string.Empty, 0, json, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<RedisResult> AddSharedAsync(string? sessionId, string json)
        => redis.Database.ScriptEvaluateAsync(AddScript, [Key(sessionId)], [json, options.Value.MaxReviewedRepliesPerSession, (long)redis.CaptionRetention.TotalMilliseconds]);

    string IOutboxWriter.Kind => RedisOutbox.ReviewKind;

    Task IOutboxWriter.WriteAsync(PendingWrite write, CancellationToken cancellationToken) => AddSharedAsync(write.Key.Length == 0 ? null : write.Key, write.Json);

    public async Task<IReadOnlyList<ReviewedReply>> ListAsync(string sessionId, CancellationToken cancellationToken)
    {
        var mine = await local.ListAsync(sessionId, cancellationToken).ConfigureAwait(false); // replies kept here during an outage
        try
        {
            var shared = (await redis.Database.ListRangeAsync(Key(sessionId)).WaitAsync(cancellationToken).ConfigureAwait(false))
                .Select(v => JsonSerializer.Deserialize<ReviewedReply>(v.ToString(), Json)!).ToList();
            return [.. shared.Concat(mine.Where(m => shared.All(s => s.Id != m.Id))).OrderBy(r => r.At)];
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return mine;
        }
    }

    private RedisKey Key(string? sessionId) => redis.Key("reviews:" + (sessionId ?? "_inbox"));
}
