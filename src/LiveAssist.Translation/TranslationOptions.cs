namespace LiveAssist.Translation;

/// <summary>Translation engines. Bound from <c>Translation</c>.</summary>
public sealed class TranslationOptions
{
    public const string SectionName = "Translation";

    /// <summary>CC-CEDICT data file for the offline engine. Empty: the copy the build puts next to the host.</summary>
    public string? CedictPath { get; set; }
}
