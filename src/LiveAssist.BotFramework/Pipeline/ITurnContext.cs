using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>One turn: the incoming activity, a way to answer it, and the turn's state.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>State kept per conversation; loaded before the bot runs and saved after it.</summary>
    StateBag ConversationState { get; }

    /// <summary>State kept per user across conversations.</summary>
    StateBag UserState { get; }

    /// <summary>Values that live for this turn only (middleware to handler hand-over).</summary>
    IDictionary<string, object> TurnState { get; }

    /// <summary>Activities this turn has sent so far, in order.</summary>
    IReadOnlyList<Activity> SentActivities { get; }

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken);
}
