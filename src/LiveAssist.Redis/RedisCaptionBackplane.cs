using System.Text;
using System.Text.Json;
using LiveAssist.Captions.Delivery;
using StackExchange.Redis;

namespace LiveAssist.Redis;

/// <summary>
/// Partials and product cards to the other hosts, by Redis pub/sub: they are not stored, and one lost while Redis is away
/// is overtaken by the next (finals come through the stream, which keeps them).
/// </summary>
public sealed class RedisCaptionBackplane(RedisConnection redis) : ICaptionBackplane
{
    public static RedisChannel Channel(RedisConnection redis) => redis.Channel("caption-events");

    public void Forward(string sessionId, string channel, SseEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!redis.IsUp)
        {
            return;
        }

        var payload = JsonSerializer.Serialize(new RelayedEvent(redis.HostId, sessionId, channel, message.Name, message.Seq, message.IsFinal, message.Lang,
            Encoding.UTF8.GetString(message.Bytes.Span)), RedisCaptionStore.Json);
        try
        {
            redis.Database.Publish(Channel(redis), payload, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            redis.Failed(e);
        }
    }
}

/// <summary>An event as it travels between hosts: who sent it, where it goes, and its SSE text.</summary>
internal sealed record RelayedEvent(string Host, string Session, string Channel, string Name, long Seq, bool Final, string? Lang, string Data);
