using LiveAssist.Dialogs.Locales;
using LiveAssist.Translation;

namespace LiveAssist.BuyerQa.Handoff;

/// <summary>
/// The merchant's Chinese reply as the buyer will get it, and that text translated back into Chinese: the merchant reads
/// what a buyer reads before sending (preview) and after (what was sent). The back-translation goes through the same
/// engines, phrasebook first; with none able to, it is null and the console says so.
/// </summary>
/// <param name="Sent">The whole message the buyer gets, in their language (with the Chinese original beside a rough draft).</param>
/// <param name="Translation">The translated reply alone.</param>
/// <param name="BackZh">The translated reply in Chinese again; null when no engine could translate it back.</param>
public sealed record ReplyTranslation(string Sent, string Translation, string Engine, bool Translated, bool Draft, IReadOnlyList<string> Flags, string? BackZh, string? BackEngine)
{
    public static async Task<ReplyTranslation> ForAsync(string replyZh, string buyerLanguage, ITranslator translator, LocaleTexts texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(translator);
        ArgumentNullException.ThrowIfNull(texts);
        var forward = await translator.TranslateAsync(replyZh, "zh", buyerLanguage, cancellationToken).ConfigureAwait(false);
        // A vetted translation reads as the seller's words; a rough draft says so and keeps the seller's original beside it.
        var key = forward.IsDraft ? "qa.sellerReplyDraft" : "qa.sellerReply";
        var sent = texts.Get(buyerLanguage, key, new Dictionary<string, object?> { ["text"] = forward.Text, ["original"] = replyZh });
        string? backZh = null;
        string? backEngine = null;
        if (LanguageTags.Primary(buyerLanguage) == "zh")
        {
            (backZh, backEngine) = (forward.Text, "none");
        }
        else if (forward.IsTranslated)
        {
            var back = await translator.TranslateAsync(forward.Text, buyerLanguage, "zh", cancellationToken).ConfigureAwait(false);
            if (back.IsTranslated)
            {
                (backZh, backEngine) = (back.Text, back.Engine);
            }
        }

        return new ReplyTranslation(sent, forward.Text, forward.Engine, forward.IsTranslated, forward.IsDraft, forward.Flags, backZh, backEngine);
    }
}
