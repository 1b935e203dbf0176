using LiveAssist.BotFramework.Connector;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;
using LiveAssist.BuyerQa;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Host.Bot;

/// <summary>
/// When a turn fails: apologize in the buyer's language and forget only what may be corrupt. A channel that
/// refused or dropped one send says nothing about the state, so the state is kept; otherwise the buyer's own
/// place in a flow is reset (in a group chat, never the other people's).
/// </summary>
internal sealed class LocalizedTurnErrorHandler(LocaleTexts texts, IStateStore store) : ITurnErrorHandler
{
    public async Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var language = texts.ResolveLanguage(turnContext.UserState.Get<string>(BuyerQaBot.LanguageKey) ?? activity.Locale);
        var sendFailed = exception is ActivitySendException or UntrustedServiceUrlException or HttpRequestException;
        if (activity.Type == ActivityTypes.Message && !sendFailed)
        {
            await turnContext.SendActivityAsync(activity.CreateReply(texts.Get(language, "error"), language), cancellationToken).ConfigureAwait(false);
        }

        if (sendFailed || StateKeys.Conversation(activity) is not { } key)
        {
            return;
        }

        if (BuyerQaBot.IsGroup(activity))
        {
            var record = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (record is not null && record.Remove(BuyerQaBot.DialogStateKey(activity)))
            {
                await store.WriteAsync(key, record, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
    }
}
