using LiveAssist.BotFramework.State;

namespace LiveAssist.BotFramework.Pipeline;

/// <summary>Default error handling: drop the conversation's state so a corrupt state cannot fail every later turn.</summary>
public sealed class ResetStateOnErrorHandler(IStateStore store) : ITurnErrorHandler
{
    public Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var key = StateKeys.Conversation(turnContext.Activity);
        return key is null ? Task.CompletedTask : store.DeleteAsync(key, cancellationToken);
    }
}
