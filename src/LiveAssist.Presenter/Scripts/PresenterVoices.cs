namespace LiveAssist.Presenter.Scripts;

/// <summary>Default voices per caption language: Azure neural voices (the Speech SDK's defaults) and espeak-ng's.</summary>
public static class PresenterVoices
{
    private static readonly Dictionary<string, (string Locale, string Azure, string Espeak)> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = ("en-US", "en-US-AvaMultilingualNeural", "en-us"),
        ["es"] = ("es-ES", "es-ES-AlvaroNeural", "es"),
        ["pt"] = ("pt-BR", "pt-BR-FranciscaNeural", "pt-br"),
        ["fr"] = ("fr-FR", "fr-FR-DeniseNeural", "fr"),
        ["ru"] = ("ru-RU", "ru-RU-SvetlanaNeural", "ru"),
        ["ar"] = ("ar-SA", "ar-SA-HamedNeural", "ar"),
        ["id"] = ("id-ID", "id-ID-ArdiNeural", "id"),
        ["vi"] = ("vi-VN", "vi-VN-HoaiMyNeural", "vi"),
        ["th"] = ("th-TH", "th-TH-PremwadeeNeural", "th"),
        ["zh"] = ("zh-CN", "zh-CN-XiaoxiaoNeural", "cmn"),
        ["de"] = ("de-DE", "de-DE-KatjaNeural", "de"),
        ["it"] = ("it-IT", "it-IT-ElsaNeural", "it"),
        ["tr"] = ("tr-TR", "tr-TR-EmelNeural", "tr"),
        ["ja"] = ("ja-JP", "ja-JP-NanamiNeural", "ja"),
        ["ko"] = ("ko-KR", "ko-KR-SunHiNeural", "ko"),
    };

    /// <summary>The locale SSML names for a caption language (<c>xml:lang</c>).</summary>
    public static string Locale(string lang) => Defaults.TryGetValue(lang, out var voice) ? voice.Locale : lang;

    public static string Azure(string lang, IReadOnlyDictionary<string, string>? configured = null)
        => configured?.GetValueOrDefault(lang) is { Length: > 0 } chosen ? chosen : Defaults.TryGetValue(lang, out var voice) ? voice.Azure : "en-US-AvaMultilingualNeural";

    public static string Espeak(string lang, IReadOnlyDictionary<string, string>? configured = null)
        => configured?.GetValueOrDefault(lang) is { Length: > 0 } chosen ? chosen : Defaults.TryGetValue(lang, out var voice) ? voice.Espeak : lang;
}
