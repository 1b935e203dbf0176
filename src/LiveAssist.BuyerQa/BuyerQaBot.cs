using System.Text.Json;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BuyerQa.Answers;
using LiveAssist.BuyerQa.Handoff;
using LiveAssist.BuyerQa.Leads;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using Microsoft.Extensions.Options;

namespace LiveAssist.BuyerQa;

/// <summary>
/// The buyer-facing bot: greets, answers product questions from the catalog in the buyer's language,
/// and hands what it cannot answer to the merchant. The buyer's language is the activity's locale,
/// else a guess from the text, else what was remembered for them.
/// </summary>
public sealed class BuyerQaBot(
    LocaleTexts texts,
    QuestionReader reader,
    QaAnswerer answerer,
    SessionStore sessions,
    HandoffQueue handoffs,
    LeadStore leads,
    ChineseGist gist,
    ITranslator translator,
    TimeProvider time,
    IOptions<BuyerQaOptions> options) : ActivityHandler
{
    public const string LanguageKey = "language";
    public const string TurnsKey = "turns";
    public const string LastProductKey = "lastProductId";

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var language = BuyerLanguage(turnContext, text: null);
        turnContext.UserState.Set(LanguageKey, language);
        await turnContext.SendActivityAsync(turnContext.Activity.CreateReply(texts.Get(language, "welcome"), language), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = (MentionText.RemoveRecipientMention(activity) ?? string.Empty).Trim();
        var maxChars = options.Value.MaxQuestionChars;
        if (text.Length > maxChars)
        {
            var lang = BuyerLanguage(turnContext, text[..Math.Min(200, text.Length)]);
            await ReplyAsync(turnContext, texts.Get(lang, "qa.tooLong", new Dictionary<string, object?> { ["length"] = text.Length, ["max"] = maxChars }), lang, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var language = BuyerLanguage(turnContext, text);
        turnContext.UserState.Set(LanguageKey, language);
        turnContext.ConversationState.Set(TurnsKey, turnContext.ConversationState.Get<int>(TurnsKey) + 1);

        var cardProduct = CardSubmitProductId(activity);
        if (cardProduct is null && (Matches(text, "greetingWords") || Matches(text, "helpWords")))
        {
            var key = Matches(text, "greetingWords") ? "greetingReply" : "help";
            await ReplyAsync(turnContext, texts.Get(language, key), language, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var session = await FindSessionAsync(activity, cancellationToken).ConfigureAwait(false);
        var question = cardProduct is not null
            ? new BuyerQuestion(text, language, BuyerIntent.Price, null, null, null, new ProductReference(cardProduct, false, null, null))
            : reader.Read(text, language);
        var context = new QaContext(session?.Id, session?.CurrentProductId, session?.ProductList ?? [], turnContext.ConversationState.Get<string>(LastProductKey));
        var answer = await answerer.AnswerAsync(question, context, cancellationToken).ConfigureAwait(false);
        var replyText = cardProduct is not null && answer.Product is { } p
            ? texts.Get(language, "qa.askQuantity", new ProductFacts(p, language, texts).Slots())
            : answer.Text;

        // A new product gets its card; follow-up questions about the same one get text only.
        Attachment? card = null;
        if (answer.Product is { } product && ProductCard.Supported(activity.ChannelId)
            && !string.Equals(product.Id, context.LastProductId, StringComparison.OrdinalIgnoreCase))
        {
            card = ProductCard.Build(new ProductFacts(product, language, texts), language, texts);
        }

        if (answer.Product?.Id is { } productId)
        {
            turnContext.ConversationState.Set(LastProductKey, productId);
        }

        // Stored before the buyer is told it was passed on: a crash between the two loses nothing.
        if (answer.Handoff is { } reason)
        {
            await handoffs.EnqueueAsync(new HandoffItem(string.Empty, session?.Id, time.GetUtcNow(), HandoffItem.Open, language, text,
                gist.For(question, answer.Product), await QuestionInChineseAsync(text, language, cancellationToken).ConfigureAwait(false),
                reason, answer.Product?.Id, activity.GetConversationReference(), null, null, null), cancellationToken).ConfigureAwait(false);
        }

        if (answer.Quote is { } quote && answer.Product is { } quoted)
        {
            await leads.AddAsync(new Lead(LeadStore.NewId(), session?.Id, time.GetUtcNow(), quoted.Id!, quoted.Title?.For("en") ?? quoted.Id!,
                quote.Qty, quote.UnitPrice, quote.Total, quote.Currency, quote.Country, language, activity.ChannelId ?? "unknown",
                activity.Conversation?.Id ?? string.Empty, LeadStore.FindContact(text), text), cancellationToken).ConfigureAwait(false);
        }

        await ReplyAsync(turnContext, replyText, language, card, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> QuestionInChineseAsync(string text, string language, CancellationToken cancellationToken)
    {
        var result = await translator.TranslateAsync(text, language, "zh", cancellationToken).ConfigureAwait(false);
        return result.IsTranslated ? result.Text : null;
    }

    private static Task ReplyAsync(ITurnContext turnContext, string text, string language, Attachment? card, CancellationToken cancellationToken)
    {
        var reply = turnContext.Activity.CreateReply(text, language);
        if (card is not null)
        {
            reply.Attachments = [card];
        }

        return turnContext.SendActivityAsync(reply, cancellationToken);
    }

    private async Task<LiveSession?> FindSessionAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.GetChannelDataString("sessionId") is { Length: > 0 and < 100 } sessionId
            && await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } named)
        {
            return named;
        }

        return await sessions.GetLatestLiveAsync(cancellationToken).ConfigureAwait(false);
    }

    // Adaptive Card "Get quote" (Action.Submit) arrives as a message whose value names the product.
    private static string? CardSubmitProductId(Activity activity)
        => activity.Value is { ValueKind: JsonValueKind.Object } value
           && value.TryGetProperty("action", out var action) && action.GetString() == "getQuote"
           && value.TryGetProperty("productId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

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
