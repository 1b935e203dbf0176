using LiveAssist.BotFramework.Pipeline;

namespace LiveAssist.BotFramework.State;

/// <summary>
/// Loads conversation and user state before the turn and saves what changed after it. A record another writer changed
/// during the turn (another host's turn in the same conversation) is not overwritten: this turn's changes are laid over
/// the newer record and written on its version, a few times at most.
/// </summary>
public sealed class StateMiddleware(IStateStore store) : IMiddleware
{
    private const int MaxAttempts = 5;

    public async Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var conversationKey = StateKeys.Conversation(turnContext.Activity);
        var userKey = StateKeys.User(turnContext.Activity);
        var context = (TurnContext)turnContext;
        string? conversationETag = null, userETag = null;
        if (conversationKey is not null)
        {
            var record = await store.ReadVersionedAsync(conversationKey, cancellationToken).ConfigureAwait(false);
            context.ConversationState = new StateBag(record.Value);
            conversationETag = record.ETag;
        }

        if (userKey is not null)
        {
            var record = await store.ReadVersionedAsync(userKey, cancellationToken).ConfigureAwait(false);
            context.UserState = new StateBag(record.Value);
            userETag = record.ETag;
        }

        await next(cancellationToken).ConfigureAwait(false);

        if (conversationKey is not null && context.ConversationState.IsChanged)
        {
            await SaveAsync(conversationKey, context.ConversationState, conversationETag, cancellationToken).ConfigureAwait(false);
        }

        if (userKey is not null && context.UserState.IsChanged)
        {
            await SaveAsync(userKey, context.UserState, userETag, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SaveAsync(string key, StateBag bag, string? etag, CancellationToken cancellationToken)
    {
        var value = bag.Snapshot();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.TryWriteAsync(key, value, etag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var newer = await store.ReadVersionedAsync(key, cancellationToken).ConfigureAwait(false);
            value = bag.MergeInto(newer.Value);
            etag = newer.ETag;
        }

        throw new StateConflictException($"State '{key}' changed under this turn {MaxAttempts} times; its changes were not saved.");
    }
}
