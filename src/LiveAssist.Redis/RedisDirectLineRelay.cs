using LiveAssist.DirectLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveAssist.Redis;

/// <summary>
/// Wakes this host's Direct Line streams when another host appends to their conversation (the buyer posted on another
/// host, or the merchant's reply was sent from the console's host); the sweep covers notifications lost while Redis was away.
/// </summary>
internal sealed class RedisDirectLineRelay(RedisConnection redis, DirectLineConversations conversations, IOptions<RedisOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisDirectLineLog.Channel(redis), (channel, message) =>
                {
                    if (RedisDirectLineLog.ParseNotice(message.ToString()) is { } notice && notice.Host != redis.HostId
                        && conversations.Find(notice.Conversation) is { ListenerCount: > 0 } conversation)
                    {
                        _ = SyncAsync(conversation, stoppingToken);
                    }
                }).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                redis.Failed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.OutboxRetryMs), time, stoppingToken).ConfigureAwait(false);
            }
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RelaySweepMs * 2), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (redis.IsUp)
                {
                    foreach (var conversation in conversations.WithListeners())
                    {
                        await SyncAsync(conversation, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task SyncAsync(DirectLineConversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            await conversation.SyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
