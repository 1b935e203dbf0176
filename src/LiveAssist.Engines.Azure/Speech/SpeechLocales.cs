namespace LiveAssist.Engines.Azure.Speech;

/// <summary>
/// Speech wants a locale for the spoken language (<c>zh-CN</c>) but Translator codes for targets
/// (<c>zh-Hans</c>); sending <c>zh-CN</c> as a target is a classic mistake.
/// </summary>
public static class SpeechLocales
{
    private static readonly Dictionary<string, string> Spoken = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zh"] = "zh-CN", ["en"] = "en-US", ["es"] = "es-ES", ["pt"] = "pt-BR", ["fr"] = "fr-FR", ["ru"] = "ru-RU",
        ["ar"] = "ar-SA", ["id"] = "id-ID", ["vi"] = "vi-VN", ["th"] = "th-TH", ["ja"] = "ja-JP", ["ko"] = "ko-KR",
        ["de"] = "de-DE", ["it"] = "it-IT", ["tr"] = "tr-TR", ["hi"] = "hi-IN", ["ms"] = "ms-MY",
    };

    /// <summary>A locale for recognition: kept when it has a region, otherwise the usual one for the language.</summary>
    public static string ForRecognition(string language)
        => language.Contains('-', StringComparison.Ordinal) ? language : Spoken.TryGetValue(language, out var locale) ? locale : language;

    /// <summary>A Translator target code for one of our language tags.</summary>
    public static string ForTranslation(string language)
        => Translation.LanguageTags.Primary(language) switch
        {
            "zh" => language.Contains("Hant", StringComparison.OrdinalIgnoreCase) || language.EndsWith("-TW", StringComparison.OrdinalIgnoreCase) ? "zh-Hant" : "zh-Hans",
            var primary => primary,
        };

    /// <summary>Our language tag for a Translator code in a response.</summary>
    public static string FromTranslation(string code) => code.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh" : Translation.LanguageTags.Primary(code);
}
