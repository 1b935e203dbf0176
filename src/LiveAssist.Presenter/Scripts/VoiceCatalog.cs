namespace LiveAssist.Presenter.Scripts;

/// <summary>A voice the studio offers: its id for the engine and a name for the merchant (Chinese, English).</summary>
public sealed record VoiceOption(string Id, string Name, string NameEn);

/// <summary>
/// The espeak-ng voices and variants the studio offers per caption language (the ones Debian's espeak-ng-data has
/// without MBROLA), and the sample sentence the preview button speaks.
/// </summary>
public static class VoiceCatalog
{
    private static readonly Dictionary<string, VoiceOption[]> Espeak = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = [new("en-us", "美式英语", "American English"), new("en-gb", "英式英语", "British English"), new("en-gb-x-rp", "英式英语（标准音）", "British (RP)"), new("en-029", "加勒比英语", "Caribbean English"), new("en-us-nyc", "美式英语（纽约）", "American (New York)")],
        ["es"] = [new("es", "西班牙语（西班牙）", "Spanish (Spain)"), new("es-419", "西班牙语（拉美）", "Spanish (Latin America)")],
        ["pt"] = [new("pt-br", "葡萄牙语（巴西）", "Portuguese (Brazil)"), new("pt", "葡萄牙语（葡萄牙）", "Portuguese (Portugal)")],
        ["fr"] = [new("fr", "法语（法国）", "French (France)"), new("fr-be", "法语（比利时）", "French (Belgium)"), new("fr-ch", "法语（瑞士）", "French (Switzerland)")],
        ["ru"] = [new("ru", "俄语", "Russian")],
        ["ar"] = [new("ar", "阿拉伯语", "Arabic")],
        ["zh"] = [new("cmn", "普通话", "Mandarin"), new("yue", "粤语", "Cantonese")],
        ["de"] = [new("de", "德语", "German")],
    };

    /// <summary>espeak-ng variants (<c>voices/!v</c>): appended to a voice as <c>+f3</c>; empty is the voice's own.</summary>
    public static readonly IReadOnlyList<VoiceOption> Variants =
    [
        new("", "标准", "Standard"),
        new("f1", "女声 1", "Female 1"), new("f2", "女声 2", "Female 2"), new("f3", "女声 3", "Female 3"), new("f4", "女声 4", "Female 4"), new("f5", "女声 5", "Female 5"),
        new("m1", "男声 1", "Male 1"), new("m2", "男声 2", "Male 2"), new("m3", "男声 3", "Male 3"), new("m4", "男声 4", "Male 4"), new("m5", "男声 5", "Male 5"),
        new("klatt", "柔和（Klatt）", "Soft (Klatt)"),
    ];

    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "Welcome to our live room! This cup ships within fifteen days, minimum order five hundred pieces.",
        ["es"] = "¡Bienvenidos a nuestra transmisión! Esta taza se envía en quince días, pedido mínimo quinientas piezas.",
        ["pt"] = "Bem-vindos à nossa live! Este copo é enviado em quinze dias, pedido mínimo de quinhentas peças.",
        ["fr"] = "Bienvenue dans notre direct ! Cette tasse est expédiée sous quinze jours, commande minimale cinq cents pièces.",
        ["ru"] = "Добро пожаловать на наш эфир! Эта кружка отправляется за пятнадцать дней, минимальный заказ пятьсот штук.",
        ["ar"] = "أهلاً بكم في البث المباشر! يُشحن هذا الكوب خلال خمسة عشر يوماً، والحد الأدنى للطلب خمسمئة قطعة.",
        ["zh"] = "欢迎来到直播间！这款杯子十五天内发货，五百个起批。",
        ["de"] = "Willkommen in unserem Livestream! Dieser Becher wird in fünfzehn Tagen versandt, Mindestbestellung fünfhundert Stück.",
    };

    /// <summary>The espeak-ng voices for a language; languages without a list offer their default.</summary>
    public static IReadOnlyList<VoiceOption> EspeakVoices(string lang)
        => Espeak.TryGetValue(lang, out var voices) ? voices : [new(PresenterVoices.Espeak(lang), lang, lang)];

    /// <summary>Whether <paramref name="voice"/> (<c>base</c> or <c>base+variant</c>) is one the studio offers for the language.</summary>
    public static bool IsOffered(string lang, string voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var parts = voice.Split('+');
        return parts.Length <= 2 && EspeakVoices(lang).Any(v => v.Id == parts[0]) && (parts.Length == 1 || Variants.Any(v => v.Id.Length > 0 && v.Id == parts[1]));
    }

    public static string Sample(string lang) => Samples.TryGetValue(lang, out var text) ? text : Samples["en"];
}
