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

    /// <summary>
    /// Adds a handler that sees every activity this turn sends, before it goes out (as the Agents SDK's
    /// <c>OnSendActivities</c>): it may change the activity, or not call <c>next</c> to drop it. Handlers run in the
    /// order they were added.
    /// </summary>
    ITurnContext OnSendActivity(SendActivityHandler handler);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken);
}

/// <summary>Runs around one outgoing activity; call <paramref name="next"/> to send it.</summary>
public delegate Task<ResourceResponse> SendActivityHandler(ITurnContext turnContext, Activity activity, Func<Task<ResourceResponse>> next);
