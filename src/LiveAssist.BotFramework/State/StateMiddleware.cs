using LiveAssist.BotFramework.Pipeline;

namespace LiveAssist.BotFramework.State;

/// <summary>Loads conversation and user state before the turn and saves what changed after it.</summary>
public sealed class StateMiddleware(IStateStore store) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var conversationKey = StateKeys.Conversation(turnContext.Activity);
        var userKey = StateKeys.User(turnContext.Activity);
        var context = (TurnContext)turnContext;
        if (conversationKey is not null)
        {
            context.ConversationState = new StateBag(await store.ReadAsync(conversationKey, cancellationToken).ConfigureAwait(false));
        }

        if (userKey is not null)
        {
            context.UserState = new StateBag(await store.ReadAsync(userKey, cancellationToken).ConfigureAwait(false));
        }

        await next(cancellationToken).ConfigureAwait(false);

        if (conversationKey is not null && context.ConversationState.IsChanged)
        {
            await store.WriteAsync(conversationKey, context.ConversationState.Snapshot(), cancellationToken).ConfigureAwait(false);
        }

        if (userKey is not null && context.UserState.IsChanged)
        {
            await store.WriteAsync(userKey, context.UserState.Snapshot(), cancellationToken).ConfigureAwait(false);
        }
    }
}
