using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>
/// Where the bot's outgoing activities go for one kind of <c>serviceUrl</c>: the Connector REST API
/// for Azure Bot Service and Teams, or an in-process channel such as the embedded Direct Line.
/// </summary>
public interface IOutboundChannel
{
    /// <summary>True when this channel delivers to <paramref name="serviceUrl"/>.</summary>
    bool Handles(string serviceUrl);

    /// <summary>Sends an activity into its conversation; a reply when <see cref="Activity.ReplyToId"/> is set.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Replaces an activity the bot sent earlier.</summary>
    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Deletes an activity the bot sent earlier.</summary>
    Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken);
}
