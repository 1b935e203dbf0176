using System.Text.Json;
using LiveAssist.BuyerQa;
using LiveAssist.BuyerQa.Leads;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Leads in Redis (<c>leads:{session}</c>, a list of JSON oldest first), so a quote saved through any host is in the
/// merchant's leads table and CSV on any host. While Redis is away this host's SQLite store keeps them.
/// </summary>
public sealed class RedisLeadStore(RedisConnection redis, LeadStore local, IOptions<BuyerQaOptions> options) : ILeadStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task AddAsync(Lead lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        try
        {
            var key = Key(lead.SessionId);
            var same = (await ReadAsync(key).ConfigureAwait(false)).Where(l => l.ConversationId == lead.ConversationId).ToList();
            if (same.Count >= options.Value.MaxLeadsPerConversation
                || same.Any(l => l.ProductId == lead.ProductId && l.Quantity == lead.Quantity && l.Country == lead.Country && l.Contact == lead.Contact))
            {
                return;
            }

            await redis.Database.ListRightPushAsync(key, JsonSerializer.Serialize(lead, Json)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            await local.AddAsync(lead, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Lead>> ListAsync(string sessionId, CancellationToken cancellationToken)
    {
        var mine = await local.ListAsync(sessionId, cancellationToken).ConfigureAwait(false); // leads kept here during an outage
        try
        {
            var shared = await ReadAsync(Key(sessionId)).ConfigureAwait(false);
            return [.. shared.Concat(mine.Where(m => shared.All(s => s.Id != m.Id))).OrderBy(l => l.CreatedAt)];
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
            return mine;
        }
    }

    private RedisKey Key(string? sessionId) => redis.Key("leads:" + (sessionId ?? "_inbox"));

    private async Task<IReadOnlyList<Lead>> ReadAsync(RedisKey key)
        => [.. (await redis.Database.ListRangeAsync(key).ConfigureAwait(false)).Select(v => JsonSerializer.Deserialize<Lead>(v.ToString(), Json)!)];
}
