using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.State;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Host.Bot;

/// <summary>When a turn fails: apologize in the buyer's language and reset the conversation's state.</summary>
internal sealed class LocalizedTurnErrorHandler(LocaleTexts texts, IStateStore store) : ITurnErrorHandler
{
    public async Task OnTurnErrorAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        var language = texts.ResolveLanguage(turnContext.Activity.Locale ?? turnContext.UserState.Get<string>(LiveAssist.BuyerQa.BuyerQaBot.LanguageKey));
        if (turnContext.Activity.Type == LiveAssist.BotFramework.Schema.ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(turnContext.Activity.CreateReply(texts.Get(language, "error"), language), cancellationToken).ConfigureAwait(false);
        }

        if (StateKeys.Conversation(turnContext.Activity) is { } key)
        {
            await store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }
}
