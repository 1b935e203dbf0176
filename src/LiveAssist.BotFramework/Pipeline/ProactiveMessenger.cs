using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Writes into a conversation later (a merchant's reply to a handed-off question), from its stored reference.</summary>
public sealed class ProactiveMessenger(OutboundChannels channels)
{
    public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(activity);
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = reference.Conversation;
        activity.From = reference.Bot is { } bot ? new ChannelAccount(bot.Id ?? string.Empty, bot.Name, "bot") : null;
        activity.Recipient = reference.User;
        activity.Locale ??= reference.Locale;
        activity.ReplyToId = null; // not an answer to a message the client holds now
        return channels.For(reference.ServiceUrl).SendAsync(activity, cancellationToken);
    }
}
