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
/// another. While Redis is away this host's <c>buyerqa.db</c> keeps them, and they are listed with the shared ones.
/// </summary>
public sealed class RedisReplyReviewLog(RedisConnection redis, ReplyReviewLog local, IOptions<BuyerQaOptions> options) : IReplyReviewLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Bounded per live, as the SQLite log is: the list only grows while it is under the cap (checked and pushed in one step).
    private const string AddScript = "if redis.call('LLEN', KEYS[1]) < tonumber(ARGV[2]) then redis.call('RPUSH', KEYS[1], ARGV[1]) end redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";

    public async Task AddAsync(ReviewedReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        try
        {
            await redis.Database.ScriptEvaluateAsync(AddScript, [Key(reply.SessionId)],
                [JsonSerializer.Serialize(reply, Json), options.Value.MaxReviewedRepliesPerSession, (long)redis.CaptionRetention.TotalMilliseconds])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await local.AddAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

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
