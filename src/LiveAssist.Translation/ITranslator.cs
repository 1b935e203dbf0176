namespace LiveAssist.Translation;

/// <summary>Translates one text between two languages. Engines (offline, Azure, OpenAI-compatible) sit behind this.</summary>
public interface ITranslator
{
    Task<TranslationResult> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken);
}

/// <summary>A translation and where it came from, so every reader can see which engine made it and how much to trust it.</summary>
/// <param name="Text">The translated text, or the original when nothing could translate it.</param>
/// <param name="Engine">The engine that produced it (<c>none</c> when untranslated).</param>
/// <param name="IsDraft">True for a rough offline draft (word by word, or a fuzzy script match) that readers should take with care; full machine-translation engines (Azure Translator, a chat model) are not drafts.</param>
/// <param name="Flags">Notes such as <c>untranslated</c> or <c>fallback</c>.</param>
public sealed record TranslationResult(string Text, string Engine, bool IsDraft, IReadOnlyList<string> Flags)
{
    public bool IsTranslated => !Flags.Contains(TranslationFlags.Untranslated);
}

public static class TranslationFlags
{
    public const string Untranslated = "untranslated";
    public const string Fallback = "fallback";

    /// <summary>Some sentences were translated, others left as written.</summary>
    public const string Partial = "partial";

    /// <summary>A dictionary draft, word by word: understandable, not fluent.</summary>
    public const string WordByWord = "word-by-word";
}
