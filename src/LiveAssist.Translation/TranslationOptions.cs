using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Translation;

/// <summary>The offline engine's data. Bound from <c>Translation</c>.</summary>
public sealed class TranslationOptions
{
    public const string SectionName = "Translation";

    /// <summary>CC-CEDICT data file for the offline engine. Empty: the copy the build puts next to the host.</summary>
    public string? CedictPath { get; set; }

    /// <summary>Use Apertium (if installed) for English to Spanish, Portuguese and French in the offline engine.</summary>
    public bool UseApertium { get; set; } = true;

    public string ApertiumPath { get; set; } = "apertium";

    [Range(100, 600_000)]

    public int ApertiumTimeoutMs { get; set; } = 4000;

    /// <summary>Keep each Apertium mode running in null-flush mode instead of starting its programs for every line.</summary>
    public bool ApertiumPersistent { get; set; } = true;

    /// <summary>Where Debian's Apertium pairs put their <c>.mode</c> files.</summary>
    public string ApertiumModesDirectory { get; set; } = "/usr/share/apertium/modes";
}

/// <summary>The caption translators and their fallback order. Bound from <c>Translator</c>.</summary>
public sealed class TranslatorOptions
{
    public const string SectionName = "Translator";

    /// <summary>Engine names in fallback order; empty means <c>["offline"]</c>. <c>offline</c> is always appended as the last resort when missing.</summary>
    /// <remarks>No default items: configuration binding appends to a list's defaults instead of replacing them.</remarks>
    public List<string> Engines { get; set; } = [];

    /// <summary>How long one engine may take for a caption before the next engine gets it.</summary>
    [Range(50, 600_000)]
    public int EngineTimeoutMs { get; set; } = 2000;

    /// <summary>Limit for the last engine in the chain (the offline one), which bounds its own slow steps.</summary>
    [Range(50, 600_000)]
    public int LastEngineTimeoutMs { get; set; } = 10_000;

    /// <summary>Cached translations (per text, language pair and glossary version).</summary>
    [Range(0, 10_000_000)]
    public int CacheEntries { get; set; } = 20_000;
}
