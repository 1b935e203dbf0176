using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.Host.Bot;

/// <summary>
/// The buyer-facing bot: greets new members and answers in the buyer's language from <c>locales/</c>.
/// The buyer's language is the activity's locale, else what we remembered for them, else a guess from the text.
/// </summary>
internal sealed class BuyerBot(LocaleTexts texts) : ActivityHandler
{
    internal const string LanguageKey = "language";
    internal const string TurnsKey = "turns";

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var language = BuyerLanguage(turnContext, text: null);
        turnContext.UserState.Set(LanguageKey, language);
        await turnContext.SendActivityAsync(turnContext.Activity.CreateReply(texts.Get(language, "welcome"), language), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var text = MentionText.RemoveRecipientMention(turnContext.Activity) ?? string.Empty;
        var language = BuyerLanguage(turnContext, text);
        turnContext.UserState.Set(LanguageKey, language);
        turnContext.ConversationState.Set(TurnsKey, turnContext.ConversationState.Get<int>(TurnsKey) + 1);

        var key = Matches(text, "greetingWords") ? "greetingReply"
            : Matches(text, "helpWords") ? "help"
            : "fallback";
        var reply = texts.Get(language, key, new Dictionary<string, object?> { ["text"] = text });
        await turnContext.SendActivityAsync(turnContext.Activity.CreateReply(reply, language), cancellationToken).ConfigureAwait(false);
    }

    private string BuyerLanguage(ITurnContext turnContext, string? text)
    {
        var locale = turnContext.Activity.Locale;
        if (!string.IsNullOrWhiteSpace(locale))
        {
            return texts.ResolveLanguage(locale);
        }

        return LanguageGuesser.Guess(text) is { } guessed
            ? texts.ResolveLanguage(guessed)
            : texts.ResolveLanguage(turnContext.UserState.Get<string>(LanguageKey));
    }

    private bool Matches(string text, string wordsKey)
    {
        var normalized = text.Trim().TrimEnd('!', '?', '.', '！', '？', '。').Trim();
        return texts.AllVariations(wordsKey).Any(word => string.Equals(normalized, word, StringComparison.OrdinalIgnoreCase));
    }
}
