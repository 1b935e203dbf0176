using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using Microsoft.Extensions.Options;

namespace LiveAssist.DirectLine;

/// <summary>
/// The embedded Direct Line seen from the bot's side: activities the bot sends to
/// <see cref="ServiceUrl"/> are appended to the conversation's log, where Web Chat's stream picks them up.
/// </summary>
public sealed class DirectLineChannel(DirectLineConversations conversations, IOptions<DirectLineOptions> options) : IOutboundChannel
{
    /// <summary>The serviceUrl this channel stamps on the activities it delivers to the bot.</summary>
    public const string ServiceUrl = "urn:liveassist:directline/";

    public const string ChannelId = "directline";

    public bool Handles(string serviceUrl) => string.Equals(serviceUrl, ServiceUrl, StringComparison.Ordinal);

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversation = conversations.GetOrAdd(activity.Conversation?.Id
            ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity)));
        var bot = options.Value;
        activity.From = new ChannelAccount(bot.BotId, bot.BotName, "bot");
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = null;
        var stored = await conversation.AppendAsync(activity, cancellationToken).ConfigureAwait(false);
        return new ResourceResponse(stored.Id);
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
        => throw new NotSupportedException("Direct Line does not support updating sent activities.");

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
        => throw new NotSupportedException("Direct Line does not support deleting sent activities.");
}
