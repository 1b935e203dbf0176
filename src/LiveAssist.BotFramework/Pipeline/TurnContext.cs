using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>The default turn context: fills the addressing fields of outgoing activities from the incoming one.</summary>
public sealed class TurnContext(Activity activity, IOutboundChannel channel) : ITurnContext
{
    private readonly List<Activity> _sent = [];
    private readonly List<SendActivityHandler> _onSend = [];

    public Activity Activity { get; } = activity ?? throw new ArgumentNullException(nameof(activity));

    public StateBag ConversationState { get; internal set; } = new();

    public StateBag UserState { get; internal set; } = new();

    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public IReadOnlyList<Activity> SentActivities => _sent;

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken)
        => SendActivityAsync(Activity.CreateReply(text), cancellationToken);

    public ITurnContext OnSendActivity(SendActivityHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _onSend.Add(handler);
        return this;
    }

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ApplyAddressing(activity);
        return _onSend.Count == 0 ? DeliverAsync(activity, cancellationToken) : RunHandlerAsync(0, activity, cancellationToken);
    }

    private Task<ResourceResponse> RunHandlerAsync(int index, Activity activity, CancellationToken cancellationToken)
        => index == _onSend.Count
            ? DeliverAsync(activity, cancellationToken)
            : _onSend[index](this, activity, () => RunHandlerAsync(index + 1, activity, cancellationToken));

    private async Task<ResourceResponse> DeliverAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var span = TurnTracing.StartStage("send " + activity.Type);
        // A channel may say nothing about the activity it took (202, no body): that is a delivery, not a failure.
        var response = await channel.SendAsync(activity, cancellationToken).ConfigureAwait(false) ?? new ResourceResponse(null);
        activity.Id ??= response.Id;
        _sent.Add(activity);
        return response;
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ApplyAddressing(activity);
        return channel.UpdateAsync(activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
        => channel.DeleteAsync(Activity.GetConversationReference(), activityId, cancellationToken);

    private void ApplyAddressing(Activity outgoing)
    {
        var incoming = Activity;
        outgoing.Type ??= ActivityTypes.Message;
        outgoing.ChannelId ??= incoming.ChannelId;
        outgoing.ServiceUrl ??= incoming.ServiceUrl;
        outgoing.Conversation ??= incoming.Conversation;
        outgoing.From ??= incoming.Recipient is { } bot ? new ChannelAccount(bot.Id ?? string.Empty, bot.Name, "bot") : null;
        outgoing.Recipient ??= incoming.From;
        // Only fill locale when the bot has not chosen one (a reply may be in another language).
        outgoing.Locale ??= incoming.Locale;
    }
}
