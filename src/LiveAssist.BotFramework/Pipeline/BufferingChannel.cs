using LiveAssist.BotFramework.Schema;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Collects replies instead of sending them (<c>deliveryMode: expectReplies</c>).</summary>
internal sealed class BufferingChannel : IOutboundChannel
{
    private readonly List<Activity> _activities = [];

    public IReadOnlyList<Activity> Activities => _activities;

    public bool Handles(string serviceUrl) => true;

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        _activities.Add(activity);
        return Task.FromResult(new ResourceResponse(null));
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
        => Task.FromResult(new ResourceResponse(activity.Id));

    public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
