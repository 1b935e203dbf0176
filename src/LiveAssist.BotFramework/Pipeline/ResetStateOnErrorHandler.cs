using LiveAssist.BotFramework.State;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Default error handling: drop the conversation's state so a corrupt state cannot fail every later turn.</summary>
public sealed class ResetStateOnErrorHandler(IStateStore store) : ITurnErrorHandler
{
    public Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // A refused send is the channel's trouble, not the state's: keep it.
        var key = StateKeys.Conversation(turnContext.Activity);
        return key is null || exception is HttpRequestException ? Task.CompletedTask : store.DeleteAsync(key, cancellationToken);
    }
}
