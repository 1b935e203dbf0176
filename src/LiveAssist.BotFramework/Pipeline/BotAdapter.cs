using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Logging;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>
/// Runs one turn: middleware in registration order, then the bot. Transports (the
/// <c>/api/messages</c> endpoint, the embedded Direct Line) hand it authenticated activities.
/// </summary>
public sealed partial class BotAdapter(
    IEnumerable<IMiddleware> middleware,
    IBot bot,
    OutboundChannels channels,
    ITurnErrorHandler errorHandler,
    ILogger<BotAdapter> logger)
{
    internal const string InvokeResponseKey = "BotFramework.InvokeResponse";
    private readonly IMiddleware[] _middleware = [.. middleware];

    /// <param name="turnState">Values for the turn's state before it runs (an operator preview passes its draft this way).</param>
    public async Task<TurnResult> ProcessAsync(Activity activity, CancellationToken cancellationToken, IReadOnlyDictionary<string, object>? turnState = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var buffer = activity.DeliveryMode == "expectReplies" ? new BufferingChannel() : null;
        IOutboundChannel channel = buffer ?? channels.For(activity.ServiceUrl);
        var context = new TurnContext(activity, channel);
        foreach (var (key, given) in turnState ?? new Dictionary<string, object>())
        {
            context.TurnState[key] = given;
        }

        using var scope = ConversationScope(logger, activity.Conversation?.Id);
        using var span = TurnTracing.StartTurn(activity);
        var failed = false;
        try
        {
            await RunAsync(context, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            LogTurnFailed(logger, ex, activity.Type, activity.ChannelId);
            try
            {
                await errorHandler.OnTurnErrorAsync(context, ex, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception handlerError) when (handlerError is not OperationCanceledException)
            {
                LogErrorHandlerFailed(logger, handlerError);
            }
        }

        var invoke = context.TurnState.TryGetValue(InvokeResponseKey, out var value) ? (InvokeResponse)value : null;
        if (activity.Type == ActivityTypes.Invoke && invoke is null)
        {
            invoke = new InvokeResponse(failed ? 500 : 501);
        }

        return new TurnResult(invoke, buffer?.Activities, failed);
    }

    // Each stage a span of its own: a middleware's span holds the stages after it, as its next() runs them.
    private async Task RunAsync(TurnContext context, int index, CancellationToken cancellationToken)
    {
        if (index == _middleware.Length)
        {
            using var botSpan = TurnTracing.StartStage("bot " + bot.GetType().Name);
            await bot.OnTurnAsync(context, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var span = TurnTracing.StartStage("middleware " + _middleware[index].GetType().Name);
        await _middleware[index].OnTurnAsync(context, ct => RunAsync(context, index + 1, ct), cancellationToken).ConfigureAwait(false);
    }

    // Every log line of a turn names its conversation.
    private static readonly Func<ILogger, string?, IDisposable?> ConversationScope = LoggerMessage.DefineScope<string?>("conversation {ConversationId}");

    [LoggerMessage(1, LogLevel.Error, "Turn failed for a {ActivityType} activity on channel {ChannelId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType, string? channelId);

    [LoggerMessage(2, LogLevel.Error, "The turn error handler itself failed")]
    private static partial void LogErrorHandlerFailed(ILogger logger, Exception exception);
}
