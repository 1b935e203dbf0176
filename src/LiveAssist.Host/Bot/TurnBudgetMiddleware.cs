using System.Threading.RateLimiting;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Host.Hosting;
using LiveAssist.Redis;
using Microsoft.Extensions.Options;

namespace LiveAssist.Host.Bot;

/// <summary>
/// Buyer messages per conversation, on every channel (Teams and the Emulator come through <c>/api/messages</c>,
/// where one Azure address carries everyone, so the budget is per conversation, not per IP). A message over
/// <see cref="RateLimitOptions.BuyerTurnsPerMinute"/> is not answered: the bot does no work, queues no handoff
/// and stores no lead for it. Idle conversations' buckets are dropped by the limiter itself. With Redis the budget is one
/// per conversation across hosts (a fixed minute of the same size), not one per host.
/// </summary>
internal sealed partial class TurnBudgetMiddleware : LiveAssist.BotFramework.Pipeline.IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<TurnBudgetMiddleware> _logger;

    public TurnBudgetMiddleware(IOptions<RateLimitOptions> options, ILogger<TurnBudgetMiddleware> logger, RedisRateLimiters? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.BuyerTurnsPerMinute;
        _logger = logger;
        _limiter = shared is not null
            ? PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get("turn-budget:" + key, k => shared.PerWindow(k, perMinute, TimeSpan.FromMinutes(1))))
            : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Min(10, perMinute),
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.Message && activity.Conversation?.Id is { } conversation)
        {
            using var lease = await _limiter.AcquireAsync(activity.ChannelId + "|" + conversation, 1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                LogOverBudget(_logger, activity.ChannelId ?? "?", conversation);
                return;
            }
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(20, LogLevel.Warning, "Buyer turn over budget on {Channel} conversation {Conversation}: not answered")]
    private static partial void LogOverBudget(ILogger logger, string channel, string conversation);
}
