using System.Diagnostics;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Review;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// The first stage of a live's captioning: a line is checked against the compliance rules and the catalog (a blocked
/// claim is never translated) and translated into every language. The slow stage: engines answer in hundreds of ms.
/// </summary>
internal sealed class LineTranslationStage(CaptionedSession live, CaptionTranslationChain translators, ProductCardPublisher cards, LineReviewer reviewer)
{
    public async Task<TranslatedLine> FinalAsync(Utterance utterance, LineContext? context, CancellationToken cancellationToken)
    {
        var line = CaptionTracing.StartLine(live.Id, utterance.Seq, live.Languages.Count);
        try
        {
            // A recovered line (said before the last stop) is read against what is on screen now.
            context ??= await LineContextAsync(cancellationToken).ConfigureAwait(false);

            SourceReview review;
            using (CaptionTracing.StartStage("caption.review", line))
            {
                review = reviewer.Enabled
                    ? await reviewer.ReviewSourceAsync(utterance.Text, live.SourceLanguage, live.Languages, context.ProductId, final: true, cancellationToken).ConfigureAwait(false)
                    : SourceReview.None(utterance.Text);
            }

            // Usually one text for all languages; a buyer market's block (美国制造 for the US) gives its languages their own.
            var translations = new Dictionary<string, TranslationResult>(StringComparer.Ordinal);
            using (CaptionTracing.StartStage("caption.translate", line))
            {
                foreach (var group in live.TargetLanguages.GroupBy(review.CarriedFor, StringComparer.Ordinal))
                {
                    if (group.Key.Length == 0)
                    {
                        continue;
                    }

                    var request = Request(group.Key, context.Currency) with { To = [.. group] };
                    foreach (var (lang, result) in await translators.TranslateAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        translations[lang] = result;
                    }
                }
            }

            return new TranslatedLine(utterance, true, review, translations, line);
        }
        catch
        {
            line?.Dispose();
            throw;
        }
    }

    public async Task<TranslatedLine> PartialAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        // Partials warn only; one a final would block is shown to the host alone, so the claim never flashes on an overlay.
        var context = await LineContextAsync(cancellationToken).ConfigureAwait(false);
        var review = reviewer.Enabled
            ? await reviewer.ReviewSourceAsync(utterance.Text, live.SourceLanguage, live.Languages, context.ProductId, final: false, cancellationToken).ConfigureAwait(false)
            : SourceReview.None(utterance.Text);
        var translations = await translators.TranslateAsync(Request(utterance.Text, context.Currency) with { IsPartial = true }, cancellationToken).ConfigureAwait(false);
        return new TranslatedLine(utterance, false, review, translations, null);
    }

    /// <summary>The product on screen and what 块 means, as they are now.</summary>
    public async Task<LineContext> LineContextAsync(CancellationToken cancellationToken)
        => new(await cards.ProductOnScreenAsync(live.Id, cancellationToken).ConfigureAwait(false),
            await cards.SpokenCurrencyAsync(live.Id, cancellationToken).ConfigureAwait(false));

    private CaptionTranslationRequest Request(string text, string spokenCurrency)
        => new(text, live.Session.SourceLanguage, [.. live.TargetLanguages], live.Terms) { SpokenCurrency = spokenCurrency };
}

/// <summary>The product on screen and what 块 means when a final line was said.</summary>
internal sealed record LineContext(string? ProductId, string Currency);

/// <summary>A line checked and translated, on its way to layout, storage and the overlays; <paramref name="Trace"/> is its span, ended there.</summary>
internal sealed record TranslatedLine(Utterance Utterance, bool Final, SourceReview Review, IReadOnlyDictionary<string, TranslationResult> Translations, Activity? Trace);
