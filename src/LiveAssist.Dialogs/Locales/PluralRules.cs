namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// CLDR plural categories for the languages the bot speaks (cardinal numbers). .NET has no plural
/// rules, and these few are stable; a language not listed has only "other" (zh, ja, id, vi, th, ko).
/// </summary>
public static class PluralRules
{
    public static string Category(string language, decimal number)
    {
        var n = Math.Abs(number);
        var isInteger = n == decimal.Truncate(n);
        var i = isInteger ? (long)n : -1;
        return BaseLanguage(language) switch
        {
            "en" or "de" or "it" or "nl" or "sv" or "tr" => i == 1 ? "one" : "other",
            "es" => i == 1 ? "one" : i != 0 && i % 1_000_000 == 0 ? "many" : "other",
            "fr" or "pt" => decimal.Truncate(n) <= 1 ? "one" : i != 0 && i % 1_000_000 == 0 ? "many" : "other",
            "ru" or "uk" => !isInteger ? "other" : Slavic(i),
            "ar" => !isInteger ? "other" : Arabic(i),
            _ => "other",
        };
    }

    private static string Slavic(long i)
    {
        var (mod10, mod100) = (i % 10, i % 100);
        if (mod10 == 1 && mod100 != 11)
        {
            return "one";
        }

        return mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few" : "many";
    }

    private static string Arabic(long i)
    {
        var mod100 = i % 100;
        return i switch
        {
            0 => "zero",
            1 => "one",
            2 => "two",
            _ when mod100 is >= 3 and <= 10 => "few",
            _ when mod100 is >= 11 and <= 99 => "many",
            _ => "other",
        };
    }

    private static string BaseLanguage(string language)
    {
        var dash = language.IndexOfAny(['-', '_']);
        return (dash > 0 ? language[..dash] : language).ToLowerInvariant();
    }
}
