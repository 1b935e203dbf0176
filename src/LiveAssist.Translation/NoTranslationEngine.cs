namespace LiveAssist.Translation;

/// <summary>
/// Used when no translation engine is configured: passes text through unchanged and says so
/// (<see cref="TranslationFlags.Untranslated"/>), so callers can show the original with a note
/// instead of pretending it was translated. Same-language requests pass through as translated.
/// </summary>
public sealed class NoTranslationEngine : ITranslator
{
    public Task<TranslationResult> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var same = LanguageTags.Primary(from) == LanguageTags.Primary(to);
        return Task.FromResult(same
            ? new TranslationResult(text, "none", false, [])
            : new TranslationResult(text, "none", true, [TranslationFlags.Untranslated]));
    }
}
