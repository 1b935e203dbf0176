namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// Guesses a buyer's language from a short message when the channel sent no locale: the script
/// settles most cases (Arabic, Cyrillic, Han, Thai), common words settle Latin-script ones.
/// </summary>
public static class LanguageGuesser
{
    private static readonly (string Language, string[] Words)[] LatinMarkers =
    [
        ("es", ["hola", "precio", "cuánto", "cuanto", "tienen", "gracias", "envío", "ayuda", "quiero", "piezas", "cuál", "dónde", "el", "los", "las", "¿"]),
        ("pt", ["olá", "ola", "oi", "preço", "quanto", "vocês", "obrigado", "obrigada", "frete", "ajuda", "não", "você", "qual", "quais", "têm", "peças", "o", "os"]),
        ("fr", ["bonjour", "prix", "combien", "merci", "livraison", "aide", "vous", "est-ce", "avez"]),
        ("id", ["halo", "harga", "berapa", "terima", "kasih", "kirim", "bisa", "apakah"]),
        ("vi", ["xin", "chào", "giá", "bao", "nhiêu", "cảm", "ơn"]),
        ("en", ["hello", "hi", "price", "how", "much", "the", "do", "you", "have", "thanks", "help", "shipping", "what"]),
    ];

    // Letters only one of the close Latin-script languages uses.
    private static int LetterHints(string language, string text) => language switch
    {
        "es" => text.Count(c => c is 'ñ' or '¿' or '¡'),
        "pt" => text.Count(c => c is 'ç' or 'ã' or 'õ'),
        "fr" => text.Count(c => c is 'è' or 'ê' or 'à' or 'ù' or 'œ'),
        "vi" => text.Count(c => c is 'ơ' or 'ư' or 'đ' or 'ạ' or 'ả' or 'ế'),
        _ => 0,
    };

    /// <summary>A BCP-47 language, or null when the text gives no clue.</summary>
    public static string? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        int arabic = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, thai = 0, latin = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u0600' and <= '\u06FF': arabic++; break;
                case >= '\u0400' and <= '\u04FF': cyrillic++; break;
                case >= '\u3040' and <= '\u30FF': kana++; break;
                case >= '\u4E00' and <= '\u9FFF': han++; break;
                case >= '\uAC00' and <= '\uD7AF': hangul++; break;
                case >= '\u0E00' and <= '\u0E7F': thai++; break;
                case >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '\u00C0' and <= '\u024F': latin++; break;
            }
        }

        if (kana > 0) return "ja";
        if (hangul > 0) return "ko";
        var best = new[] { ("ar", arabic), ("ru", cyrillic), ("zh", han), ("th", thai) }.MaxBy(p => p.Item2);
        if (best.Item2 > 0 && best.Item2 >= latin)
        {
            return best.Item1;
        }

        if (latin == 0)
        {
            return null;
        }

        var words = text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '¡', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        var scored = LatinMarkers
            .Select(m => (m.Language, Score: words.Count(w => m.Words.Contains(w)) + LetterHints(m.Language, text)))
            .MaxBy(s => s.Score);
        return scored.Score > 0 ? scored.Language : null;
    }
}
