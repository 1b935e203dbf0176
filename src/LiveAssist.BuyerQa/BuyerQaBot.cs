using System.Text.Json;
using System.Text.Json.Nodes;
using LiveAssist.BotFramework.Pipeline;
using LiveAssist.BotFramework.Schema;
using LiveAssist.BotFramework.State;
using LiveAssist.BuyerQa.Flows;
using LiveAssist.BuyerQa.Understanding;
using LiveAssist.Dialogs.Content;
using LiveAssist.Dialogs.Flows;
using LiveAssist.Dialogs.Locales;
using LiveAssist.Sessions;
using Microsoft.Extensions.Options;

namespace LiveAssist.BuyerQa;

/// <summary>
/// The buyer-facing bot. It reads the buyer's message (language, intent, quantity, country, product) and
/// hands the turn to the dialog flows in <c>dialogs/</c>, which decide what to say, what to ask and when
/// to hand off to the merchant. The buyer's language is the activity's locale, else a guess from the
/// text, else what was remembered for them. Teams: mentions are stripped, and in group chats and
/// channels each person has their own place in a flow.
/// </summary>
public sealed partial class BuyerQaBot(
    QuestionReader reader,
    ISessionStore sessions,
    DialogContentStore content,
    FlowRunner flows,
    IOptions<BuyerQaOptions> options) : ActivityHandler
{
    public const string LanguageKey = "language";
    public const string TurnsKey = "turns";
    public const string ChooseProductEvent = "chooseProduct";

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial System.Text.RegularExpressions.Regex ProductIdPattern();

    protected override async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (IsGroup(activity))
        {
            // Added to a team or group chat: introduce the bot once, to everyone. People joining later get no public welcome.
            if (activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true)
            {
                var texts = CurrentContent(turnContext).Texts;
                var language = texts.ResolveLanguage(activity.Locale);
                await turnContext.SendActivityAsync(activity.CreateReply(texts.Get(language, "teams.intro"), language), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await base.OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
    }

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var language = BuyerLanguage(turnContext, text: null);
        RememberLanguage(turnContext, language);
        return RunFlowsAsync(turnContext, language, new FlowInput(string.Empty, null, null, ConversationStart: true), null, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = (MentionText.RemoveRecipientMention(activity) ?? string.Empty).Trim();
        var maxChars = options.Value.MaxQuestionChars;
        if (text.Length > maxChars)
        {
            var lang = BuyerLanguage(turnContext, text[..Math.Min(200, text.Length)]);
            await turnContext.SendActivityAsync(activity.CreateReply(CurrentContent(turnContext).Texts.Get(lang, "qa.tooLong", new Dictionary<string, object?> { ["length"] = text.Length, ["max"] = maxChars }), lang), cancellationToken).ConfigureAwait(false);
            return;
        }

        var language = BuyerLanguage(turnContext, text);
        RememberLanguage(turnContext, language);
        turnContext.ConversationState.Set(TurnsKey, turnContext.ConversationState.Get<int>(TurnsKey) + 1);
        await SayWhenLanguageIsNotSpokenAsync(turnContext, text, language, cancellationToken).ConfigureAwait(false);

        // Adaptive Card Action.Submit arrives as a message whose value names the action ("getQuote"); an answer
        // button (Yes/No in a group chat) carries its answer as text.
        var (eventName, eventValue) = CardAction(activity.Value);
        if (eventName == FlowRunner.AnswerEvent)
        {
            text = eventValue?["text"] is JsonValue answer && answer.TryGetValue<string>(out var said) ? said.Trim() : string.Empty;
            (eventName, eventValue) = (null, null);
        }

        // A picture, a file or a notification with no words and no button pressed is nothing to answer or hand over.
        if (text.Length == 0 && eventName is null)
        {
            return;
        }

        var question = reader.Read(text, language, CurrentContent(turnContext).Texts);
        var input = new FlowInput(text, eventName is null ? BuyerTurn.IntentName(question.Intent) : null, eventName, false);
        await RunFlowsAsync(turnContext, language, input, eventValue, cancellationToken, question).ConfigureAwait(false);
    }

    protected override async Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name is { Length: > 0 and <= 100 } name)
        {
            var language = BuyerLanguage(turnContext, null);
            var value = turnContext.Activity.Value is { } v ? JsonNode.Parse(v.GetRawText()) : null;
            await RunFlowsAsync(turnContext, language, new FlowInput(string.Empty, null, name, false), value, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adaptive Card <c>Action.Execute</c> (Teams, Outlook): the verb is the flow event; the card's data its value.</summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Name != "adaptiveCard/action")
        {
            return new InvokeResponse(501);
        }

        if (activity.Value is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return CardError(400, "BadRequest", "Missing value.action.");
        }

        if (!action.TryGetProperty("type", out var type) || type.GetString() != "Action.Execute" || !action.TryGetProperty("verb", out var verb) || verb.GetString() is not { Length: > 0 and <= 100 } name)
        {
            return CardError(400, "NotSupported", "Only Action.Execute with a verb is supported.");
        }

        var data = action.TryGetProperty("data", out var d) ? JsonNode.Parse(d.GetRawText()) : null;
        var language = BuyerLanguage(turnContext, null);
        var handled = await RunFlowsAsync(turnContext, language, new FlowInput(string.Empty, null, name, false), data, cancellationToken).ConfigureAwait(false);
        var said = turnContext.SentActivities.Select(a => a.Text).FirstOrDefault(t => !string.IsNullOrEmpty(t));
        return handled
            ? new InvokeResponse(200, JsonSerializer.SerializeToElement(new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = said ?? string.Empty }))
            : CardError(400, "NotSupported", $"No flow handles '{name}'.");
    }

    private static InvokeResponse CardError(int status, string code, string message)
        => new(status, JsonSerializer.SerializeToElement(new { statusCode = status, type = "application/vnd.microsoft.error", value = new { code, message } }));

    private async Task<bool> RunFlowsAsync(ITurnContext turnContext, string language, FlowInput input, JsonNode? eventValue, CancellationToken cancellationToken, BuyerQuestion? question = null)
    {
        var activity = turnContext.Activity;
        var preview = turnContext.TurnState.TryGetValue(DialogPreview.ContentKey, out var draft) ? (DialogContent)draft : null;
        var session = await FindSessionAsync(activity, cancellationToken).ConfigureAwait(false);

        // In a group chat or channel several buyers talk at once: each keeps their own place in a flow.
        var stateKey = DialogStateKey(activity);
        var saved = turnContext.ConversationState.Get<JsonObject>(stateKey) ?? [];
        var conversationVars = saved["vars"] as JsonObject ?? [];
        saved.Remove("vars"); // detached, so it can be stored back as it is, without a copy

        // The buyer picked one of the products the bot asked about: answer the question they asked, about that one.
        if (input.Event == ChooseProductEvent && eventValue?["productId"] is JsonValue chosen && chosen.TryGetValue<string>(out var chosenId) && ProductIdPattern().IsMatch(chosenId))
        {
            var pending = conversationVars["pendingQuestion"] is JsonValue p && p.TryGetValue<string>(out var asked) ? asked : string.Empty;
            conversationVars.Remove("pendingQuestion");
            var text = (pending + " " + chosenId).Trim();
            question = reader.Read(text, language, (preview ?? content.Current).Texts);
            input = new FlowInput(text, BuyerTurn.IntentName(question.Intent), null, false);
        }

        var understood = question ?? reader.Read(input.Text, language, (preview ?? content.Current).Texts);
        turnContext.TurnState[BuyerTurn.Key] = new BuyerTurn(understood, session);
        var turn = new FlowTurn(turnContext, preview ?? content.Current, language, preview is not null)
        {
            Conversation = conversationVars,
            User = turnContext.UserState.Get<JsonObject>("vars") ?? [],
            Stack = saved["stack"]?.Deserialize<List<FlowFrame>>(ActivitySerializer.Options) ?? [],
        };
        turn.Turn["text"] = input.Text;
        turn.Turn["language"] = language;
        turn.Turn["intent"] = input.Intent;
        turn.Turn["quantity"] = understood.Quantity;
        turn.Turn["country"] = understood.Country;
        turn.Turn["incoterm"] = understood.Incoterm;
        turn.Turn["productId"] = understood.Product.ProductId;
        turn.Turn["event"] = input.Event;
        turn.Turn["eventValue"] = eventValue;
        turn.Turn["channel"] = activity.ChannelId;
        turn.Turn["conversationType"] = activity.Conversation?.ConversationType ?? "personal";
        turn.Turn["sessionId"] = session?.Id;
        turn.Turn["currentProductId"] = session?.CurrentProductId;
        turn.User["language"] = language;

        var handled = await flows.RunAsync(turn, input, cancellationToken).ConfigureAwait(false);
        turnContext.ConversationState.Set(stateKey, new JsonObject
        {
            ["stack"] = JsonSerializer.SerializeToNode(turn.Stack, ActivitySerializer.Options),
            ["vars"] = turn.Conversation,
        });
        turnContext.UserState.Set("vars", turn.User);
        return handled;
    }

    /// <summary>The content this turn reads: an operator's draft in a preview, else the current snapshot.</summary>
    private DialogContent CurrentContent(ITurnContext turnContext)
        => turnContext.TurnState.TryGetValue(DialogPreview.ContentKey, out var draft) ? (DialogContent)draft : content.Current;

    /// <summary>True in Teams group chats and channels, where several people talk to the bot at once.</summary>
    public static bool IsGroup(Activity activity)
        => activity.Conversation?.IsGroup == true || activity.Conversation?.ConversationType is "groupChat" or "channel";

    /// <summary>Where a person's place in a flow is kept in the conversation's state: per person in a group.</summary>
    public static string DialogStateKey(Activity activity) => IsGroup(activity) ? "dialog:" + activity.From?.Id : "dialog";

    private async Task<LiveSession?> FindSessionAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.GetChannelDataString("sessionId") is { Length: > 0 and < 100 } sessionId
            && await sessions.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } named)
        {
            return named;
        }

        return await sessions.GetLatestLiveAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (string? Name, JsonNode? Value) CardAction(JsonElement? value)
        => value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
            && action.GetString() is { Length: > 0 and <= 100 } name
            ? (name, JsonNode.Parse(v.GetRawText()))
            : (null, null);

    /// <summary>
    /// The buyer's language: what they wrote when the text says so clearly; the Web Chat locale, which is the
    /// buyer's own choice (<c>/chat?lang=</c>); the language this conversation has been in; a weak guess from the
    /// text; and only then the channel's locale (Teams sends the client's UI language, not the buyer's).
    /// </summary>
    private string BuyerLanguage(ITurnContext turnContext, string? text)
    {
        var activity = turnContext.Activity;
        var guess = LanguageGuesser.Detect(text);
        var remembered = turnContext.ConversationState.Get<string>(LanguageStateKey(activity)) ?? turnContext.UserState.Get<string>(LanguageKey);
        var localeIsBuyersChoice = !string.IsNullOrWhiteSpace(activity.Locale) && activity.ChannelId is not ("msteams" or "skype" or "m365extensions");
        var chosen = guess is { IsClear: true } ? guess.Language
            : localeIsBuyersChoice ? activity.Locale
            : remembered ?? guess?.Language ?? activity.Locale;
        return CurrentContent(turnContext).Texts.ResolveLanguage(chosen);
    }

    /// <summary>
    /// A buyer writing clearly in a language the bot has no texts for (Thai, say) is told once, in English, that the
    /// answers come in English: never a silent switch of language.
    /// </summary>
    private async Task SayWhenLanguageIsNotSpokenAsync(ITurnContext turnContext, string text, string language, CancellationToken cancellationToken)
    {
        var texts = CurrentContent(turnContext).Texts;
        if (LanguageGuesser.Detect(text) is not { IsClear: true } written || texts.ResolveLanguage(written.Language) == written.Language
            || turnContext.ConversationState.Get<bool>(LanguageNoticeKey) || !texts.Has(language, "languageFallback"))
        {
            return;
        }

        turnContext.ConversationState.Set(LanguageNoticeKey, true);
        await turnContext.SendActivityAsync(turnContext.Activity.CreateReply(texts.Get(language, "languageFallback"), language), cancellationToken).ConfigureAwait(false);
    }

    private const string LanguageNoticeKey = "languageNoticeGiven";

    /// <summary>Remembers the conversation's language (per person in a group chat) for the turns that follow.</summary>
    private static void RememberLanguage(ITurnContext turnContext, string language)
    {
        turnContext.UserState.Set(LanguageKey, language);
        turnContext.ConversationState.Set(LanguageStateKey(turnContext.Activity), language);
    }

    private static string LanguageStateKey(Activity activity) => IsGroup(activity) ? LanguageKey + ":" + activity.From?.Id : LanguageKey;
}
