using LiveAssist.Translation.Offline;

namespace LiveAssist.Translation.Chain;

/// <summary>
/// Buyer-chat translation (questions to the merchant, the merchant's replies back): a vetted
/// phrasebook sentence first (a person wrote it), then the configured external engines (Azure
/// Translator, a chat model) with the same figures check as captions, then the offline draft,
/// flagged <c>fallback</c> when an external engine was configured but did not deliver.
/// </summary>
public sealed class ChatTextTranslator(OfflineTranslator offline, CaptionTranslationChain chain) : ITranslator
{
    public async Task<TranslationResult> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        var local = await offline.TranslateAsync(text, from, to, cancellationToken).ConfigureAwait(false);
        if ((local.IsTranslated && !local.IsDraft) || !chain.HasExternalEngines || LanguageTags.Primary(from) == LanguageTags.Primary(to))
        {
            return local;
        }

        var target = LanguageTags.Primary(to);
        var external = await chain.TranslateExternallyAsync(new CaptionTranslationRequest(text, from, [target], SessionTerms.Empty), cancellationToken).ConfigureAwait(false);
        return external.TryGetValue(target, out var result)
            ? result
            : local with { Flags = [.. local.Flags.Append(CaptionTranslationChain.FallbackFlag).Distinct()] };
    }
}
