using LiveAssist.Captions.Delivery;
using LiveAssist.Captions.Layout;
using LiveAssist.Captions.ProductCards;
using LiveAssist.Catalog.Client;
using LiveAssist.Review;
using LiveAssist.Translation;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// The second stage of a live's captioning, strictly in line order: what buyers may see of each translation, cues laid
/// out after the previous line's, finals stored and only then published; observers told; a product the host named shown.
/// </summary>
internal sealed class CaptionPublishStage(CaptionedSession live, ICaptionStore store, CaptionHub hub, ProductCardPublisher cards, LineReviewer reviewer,
    IReadOnlyList<IFinalCaptionObserver> observers, TimeProvider time)
{
    private readonly Dictionary<string, long> _lastCueEnd = new(StringComparer.OrdinalIgnoreCase);
    private bool _cueEndsRead;

    public void Partial(TranslatedLine line)
    {
        var utterance = line.Utterance;
        foreach (var lang in live.Languages)
        {
            if (Translation(lang, utterance.Text, line.Translations) is { } result)
            {
                var (text, console, flags, draft) = OnAir(result, lang);
                var caption = new Caption(utterance.Seq, lang, Caption.Partial, text, utterance.Text, utterance.StartMs, utterance.EndMs,
                    result.Engine, flags, [], Direction(lang), draft, utterance.Recognizer, console, result.Note)
                { Review = line.Review.Findings.Count > 0 ? new CaptionReview(line.Review.Findings) : null };
                Publish(caption, isFinal: false, hostOnly: line.Review.Withhold);
            }
        }
    }

    public async Task FinalAsync(TranslatedLine line, CancellationToken cancellationToken)
    {
        using var trace = line.Trace;
        var utterance = line.Utterance;
        var review = line.Review;
        if (!_cueEndsRead)
        {
            // Cues go on from the last ones stored, also after a restart or when the live moved here from another host.
            foreach (var (lang, cueEnd) in await store.LastCueEndsAsync(live.Id, cancellationToken).ConfigureAwait(false))
            {
                _lastCueEnd[lang] = cueEnd;
            }

            _cueEndsRead = true;
        }

        var captions = new List<Caption>(live.Languages.Count);
        foreach (var lang in live.Languages)
        {
            var carried = review.CarriedFor(lang);
            var result = carried.Length == 0 ? new TranslationResult(string.Empty, "review", false, []) : Translation(lang, carried, line.Translations);
            if (result is null)
            {
                continue;
            }

            var (text, console, flags, draft) = OnAir(result, lang);
            var findings = review.Findings;
            if (lang != live.SourceLanguage)
            {
                var check = reviewer.ReviewCaption(lang, text, final: true);
                if (check.Findings.Count > 0)
                {
                    findings = [.. findings, .. check.Findings];
                    if (check.Carried != text)
                    {
                        text = check.Carried;
                        flags = [.. flags, Caption.ReviewEditedFlag];
                    }
                }
            }

            if (carried != utterance.Text)
            {
                flags = [.. flags, Caption.ReviewEditedFlag];
            }

            var cues = CaptionLayout.Layout(text, lang, utterance.StartMs, utterance.EndMs, _lastCueEnd.GetValueOrDefault(lang));
            captions.Add(new Caption(utterance.Seq, lang, Caption.Final, text, carried,
                cues.Count > 0 ? cues[0].StartMs : utterance.StartMs, cues.Count > 0 ? cues[^1].EndMs : utterance.EndMs,
                result.Engine, flags.Distinct().ToList(), cues, Direction(lang), draft, utterance.Recognizer, console, result.Note)
            {
                PublishedAt = time.GetUtcNow(),
                Review = findings.Count > 0 ? new CaptionReview(findings) { Said = carried != utterance.Text ? utterance.Text : null } : null,
            });
        }

        using (CaptionTracing.StartStage("caption.store", trace))
        {
            await store.SaveCaptionsAsync(live.Id, utterance.Seq, captions, cancellationToken).ConfigureAwait(false);
        }

        using (CaptionTracing.StartStage("caption.publish", trace))
        {
            foreach (var caption in captions)
            {
                _lastCueEnd[caption.Lang] = caption.EndMs;
                Publish(caption, isFinal: true, lineReceivedAt: utterance.ReceivedAt);
            }
        }

        foreach (var observer in observers)
        {
            observer.OnFinalCaptions(live.Session, utterance.Seq, captions);
        }

        // The host named a product ("YW-100234 这款..."): show its card beside the captions.
        if (ProductIds.Find(utterance.Text) is { Success: true } named)
        {
            await cards.ShowAsync(live.Id, named.Value.ToUpperInvariant(), fromSpeech: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What buyers see of a translation, and what only the console sees. A dictionary draft stays on the console
    /// unless the merchant turned drafts on for this live: buyers get its vetted clauses, terms and figures, or nothing.
    /// </summary>
    private (string Text, string? Console, IReadOnlyList<string> Flags, bool Draft) OnAir(TranslationResult result, string lang)
    {
        var flags = result.Flags.ToList();
        string text;
        string? console = null;
        var draft = result.IsDraft;
        if (result.IsDraft && !live.Session.ShowDrafts)
        {
            text = result.SafeText ?? string.Empty;
            console = CaptionText.Clean(result.Text, lang, flags);
            flags.Add(CaptionText.DraftHiddenFlag);
            draft = false;
        }
        else
        {
            text = result.Text;
        }

        text = CaptionText.Clean(text, lang, flags);
        if (text.Length == 0)
        {
            flags.Add(CaptionText.WithheldFlag);
        }

        return (text, console, flags, draft);
    }

    // Buyers' overlays get the caption without the console's draft and note; the host console gets all of it.
    private void Publish(Caption caption, bool isFinal, DateTimeOffset? lineReceivedAt = null, bool hostOnly = false)
    {
        if (!hostOnly)
        {
            hub.Publish(live.Id, caption.Lang, SseEvent.Create("caption", caption.Seq, isFinal, caption.ForBuyers(), caption.Lang) with { LineReceivedAt = lineReceivedAt });
        }

        hub.Publish(live.Id, CaptionHub.HostChannel(caption.Lang), SseEvent.Create("caption", caption.Seq, isFinal, caption, caption.Lang) with { LineReceivedAt = lineReceivedAt });
    }

    private TranslationResult? Translation(string lang, string source, IReadOnlyDictionary<string, TranslationResult> translations)
        => lang == live.SourceLanguage ? new TranslationResult(source, "source", false, []) : translations.GetValueOrDefault(lang);

    private static string Direction(string lang) => LanguageLayout.For(lang).RightToLeft ? "rtl" : "ltr";
}
