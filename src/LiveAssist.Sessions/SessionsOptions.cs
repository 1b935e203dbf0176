namespace LiveAssist.Sessions;

/// <summary>Bound from <c>Sessions</c>.</summary>
public sealed class SessionsOptions
{
    public const string SectionName = "Sessions";

    /// <summary>When set, creating a session needs this key in <c>X-Api-Key</c> (a merchant platform's key). Empty: anyone on this host may create one (rate-limited).</summary>
    public string? CreateKey { get; set; }

    /// <summary>Languages a session may caption into.</summary>
    public List<string> SupportedLanguages { get; set; } = ["en", "es", "pt", "fr", "ru", "ar", "id", "vi", "th", "ja", "ko", "de", "it", "tr", "zh"];
}
