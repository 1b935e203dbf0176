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

    /// <summary>For a draft: what buyers may be shown instead, the vetted clauses with only the terms and figures of the others
    /// ("Chenguang · US$1.85"); empty when nothing of the line is safe to show.</summary>
    public string? SafeText { get; init; }

    /// <summary>For the host, not for buyers: why the line is shown as it is ("held back: azure changed the figures ...").</summary>
    public string? Note { get; init; }
}

public static class TranslationFlags
{
    public const string Untranslated = "untranslated";
    public const string Fallback = "fallback";

    /// <summary>Some sentences were translated, others left as written.</summary>
    public const string Partial = "partial";

    /// <summary>A dictionary draft, word by word: understandable, not fluent.</summary>
    public const string WordByWord = "word-by-word";

    /// <summary>No engine kept the figures: buyers see the line's figures only.</summary>
    public const string FiguresOnly = "figures-only";

    /// <summary>A glossary term the merchant gave only in Chinese, kept as written.</summary>
    public const string KeptAsWritten = "kept-as-written";

    /// <summary>From the merchant's script as given (vetted by a person).</summary>
    public const string Vetted = "vetted";

    /// <summary>Uses a glossary or script translation that an engine or a pivot filled in, not the merchant.</summary>
    public const string Unvetted = "not-vetted";
}
