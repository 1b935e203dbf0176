using System.ComponentModel.DataAnnotations;

namespace LiveAssist.Sessions;

/// <summary>Bound from <c>Sessions</c>.</summary>
public sealed class SessionsOptions
{
    public const string SectionName = "Sessions";

    /// <summary>When set, creating a session needs this key in <c>X-Api-Key</c> (a merchant platform's key). Empty: anyone on this host may create one (rate-limited).</summary>
    public string? CreateKey { get; set; }

    /// <summary>Glossary terms one live may carry: every caption is matched against them and they go into engine prompts.</summary>
    [Range(1, 20_000)]
    public int MaxGlossaryEntries { get; set; } = 1000;

    /// <summary>Script lines one live may carry (each is fuzzy-matched against every line the host says).</summary>
    [Range(1, 5_000)]
    public int MaxScriptLines { get; set; } = 300;

    /// <summary>Languages a session may caption into.</summary>
    public List<string> SupportedLanguages { get; set; } = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja", "ko", "de", "it", "tr", "zh"];
}
