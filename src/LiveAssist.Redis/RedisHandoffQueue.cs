using System.Security.Cryptography;
using System.Text.Json;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BuyerQa;
using LiveAssist.BuyerQa.Handoff;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Questions the bot handed to the merchant, in Redis: a buyer asks through any host and the merchant's console on any
/// host lists and answers them. <c>handoff:{id}</c> is the question as JSON; <c>handoffs:{session}</c> (<c>_inbox</c> for
/// questions asked with no live on) orders them by time. While Redis is away this host's SQLite queue serves.
/// </summary>
public sealed class RedisHandoffQueue(RedisConnection redis, HandoffQueue local, IOptions<BuyerQaOptions> options) : IHandoffQueue
{
    private const string Inbox = "_inbox";
    private const int MaxListed = 1000;

    public async Task<HandoffItem> EnqueueAsync(HandoffItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            if (item.Reference?.Conversation?.Id is { } conversationId)
            {
                var open = (await ReadSetAsync(item.SessionId ?? Inbox).ConfigureAwait(false))
                    .Where(o => o.Status == HandoffItem.Open && o.Reference?.Conversation?.Id == conversationId)
                    .OrderByDescending(o => o.CreatedAt).ToList();
                if (open.FirstOrDefault(o => string.Equals(o.Question.Trim(), item.Question.Trim(), StringComparison.OrdinalIgnoreCase)) is { } same)
                {
                    return same;
                }

                if (open.Count >= options.Value.MaxOpenHandoffsPerConversation)
                {
                    return open[0];
                }
            }

            item = item with { Id = string.IsNullOrEmpty(item.Id) ? "q-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() : item.Id };
            await WriteAsync(item).ConfigureAwait(false);
            return item;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return await local.EnqueueAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SaveAsync(HandoffItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await WriteAsync(item).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await local.SaveAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<HandoffItem>> ListAsync(string sessionId, string? status, CancellationToken cancellationToken)
    {
        try
        {
            var items = (await ReadSetAsync(sessionId).ConfigureAwait(false)).Concat(await ReadSetAsync(Inbox).ConfigureAwait(false));
            return [.. items.Where(i => string.IsNullOrEmpty(status) || i.Status == status).OrderBy(i => i.CreatedAt).Take(MaxListed)];
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return await local.ListAsync(sessionId, status, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<HandoffItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var json = await redis.Database.StringGetAsync(redis.Key("handoff:" + id)).ConfigureAwait(false);
            if (json.HasValue)
            {
                return JsonSerializer.Deserialize<HandoffItem>(json.ToString(), ActivitySerializer.Options);
            }
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }

        return await local.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(HandoffItem item)
    {
        var batch = redis.Database.CreateTransaction();
        _ = batch.StringSetAsync(redis.Key("handoff:" + item.Id), JsonSerializer.Serialize(item, ActivitySerializer.Options));
        _ = batch.SortedSetAddAsync(redis.Key("handoffs:" + (item.SessionId ?? Inbox)), item.Id, item.CreatedAt.ToUnixTimeMilliseconds());
        await batch.ExecuteAsync().ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<HandoffItem>> ReadSetAsync(string sessionId)
    {
        var ids = await redis.Database.SortedSetRangeByRankAsync(redis.Key("handoffs:" + sessionId), -MaxListed, -1).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await redis.Database.StringGetAsync([.. ids.Select(i => redis.Key("handoff:" + i))]).ConfigureAwait(false);
        return [.. values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<HandoffItem>(v.ToString(), ActivitySerializer.Options)!)];
    }
}
