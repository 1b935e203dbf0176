namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// Guesses a buyer's language from a short message: the script settles most cases (Arabic, Cyrillic, Han,
/// Thai, Hangul, kana), common words and letters only one language uses settle Latin-script ones. A guess is
/// <see cref="LanguageGuess.IsClear"/> when the script says so, or when one language's words clearly outnumber
/// the others': only then may it override what the channel claims (Teams sends its UI language, not the buyer's).
/// </summary>
public static class LanguageGuesser
{
    private static readonly (string Language, HashSet<string> Words)[] LatinMarkers =
    [
        ("es", Set("hola", "precio", "precios", "cuánto", "cuanto", "cuántos", "cuánta", "cuesta", "cuestan", "tienen", "tiene", "gracias", "envío", "envio", "ayuda", "quiero", "piezas",
            "cuál", "cual", "dónde", "el", "los", "las", "del", "pedido", "mínimo", "necesito", "unidades", "pueden", "puedo", "hay", "también", "muestra", "muestras", "color",
            "colores", "días", "tarda", "venden", "presio", "usted", "ustedes", "este", "esta", "estos", "lo", "la", "una", "en", "con", "para", "por", "qué", "que", "sí", "mi")),
        ("pt", Set("olá", "ola", "oi", "preço", "precos", "preços", "quanto", "quantos", "custa", "vocês", "voces", "obrigado", "obrigada", "frete", "ajuda", "não", "nao", "você", "qual", "quais",
            "têm", "tem", "peças", "pecas", "o", "os", "do", "da", "dos", "das", "no", "na", "em", "um", "uma", "estoque", "prazo", "entrega", "amostra", "garrafa", "garrafas", "caneca",
            "mil", "é", "são", "para", "com", "pedido", "mínimo", "quero", "preciso", "cores", "cor")),
        ("fr", Set("bonjour", "prix", "combien", "merci", "livraison", "aide", "vous", "est-ce", "avez", "quel", "quelle", "quels", "quelles", "le", "les", "des", "du", "de", "pour",
            "est", "une", "un", "je", "voudrais", "couleurs", "échantillons", "échantillon", "délai", "commande", "coûtent", "coûte", "jours", "ce", "cette", "ces", "pièces", "avec")),
        ("de", Set("hallo", "was", "wie", "ist", "ich", "sie", "haben", "habt", "ihr", "kann", "können", "bitte", "preis", "preise", "kostet", "kosten", "stück", "welche", "welcher", "gibt",
            "der", "die", "das", "den", "dem", "des", "für", "nach", "lager", "lieferzeit", "muster", "farben", "farbe", "mindestbestellmenge", "versand", "dauert", "lange",
            "bekommen", "ein", "eine", "einen", "und", "mit", "danke", "auf", "viel", "wir", "brauche", "bei")),
        ("id", Set("halo", "harga", "berapa", "terima", "kasih", "kirim", "bisa", "apakah", "ada", "stok", "minimal", "pesanan", "warna", "saya", "untuk", "dengan", "ini", "itu")),
        ("vi", Set("xin", "chào", "giá", "bao", "nhiêu", "cảm", "ơn", "không", "có", "màu", "hàng", "tôi", "cái", "này")),
        ("en", Set("hello", "hi", "price", "prices", "how", "much", "many", "the", "do", "you", "have", "has", "thanks", "thank", "help", "shipping", "what", "whats", "what's", "wats",
            "can", "i", "your", "is", "are", "of", "for", "to", "want", "need", "when", "will", "ship", "sell", "colors", "colours", "color", "sample", "samples", "this", "these", "it",
            "in", "on", "a", "an", "and", "with", "please", "hw", "4", "get", "order", "visit", "next", "week", "cost", "stock", "there", "ones", "pieces", "pcs", "does", "come", "my", "me", "quote", "request", "quotation", "delivery", "minimum")),
    ];

    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.Ordinal);

    // Letters only one of the close Latin-script languages uses.
    private static int LetterHints(string language, string text) => language switch
    {
        "es" => text.Count(c => c is 'ñ' or '¿' or '¡') * 2,
        "pt" => text.Count(c => c is 'ç' or 'ã' or 'õ') * 2,
        "fr" => text.Count(c => c is 'è' or 'ê' or 'à' or 'ù' or 'œ' or 'û' or 'î'),
        "de" => text.Count(c => c is 'ä' or 'ö' or 'ü' or 'ß') * 2,
        "vi" => text.Count(c => c is 'ơ' or 'ư' or 'đ' or 'ạ' or 'ả' or 'ế' or 'ệ' or 'ố') * 2,
        _ => 0,
    };

    /// <summary>A BCP-47 language, or null when the text gives no clue.</summary>
    public static string? Guess(string? text) => Detect(text)?.Language;

    /// <summary>The language the text is written in, and whether that is clear; null when the text gives no clue.</summary>
    public static LanguageGuess? Detect(string? text)
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

        if (kana > 0)
        {
            return new("ja", true);
        }

        if (hangul > 0)
        {
            return new("ko", true);
        }

        var best = new[] { ("ar", arabic), ("ru", cyrillic), ("zh", han), ("th", thai) }.MaxBy(p => p.Item2);
        if (best.Item2 > 0 && (best.Item2 >= latin || best.Item2 >= 2))
        {
            return new(best.Item1, true); // "可以印logo吗" is Chinese with a Latin word in it
        }

        if (latin == 0)
        {
            return null;
        }

        // E-mail addresses, links and codes say nothing about the language ("ana@example.com.br" is not Portuguese).
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '¡', '¿', ';', ':', '"', '(', ')', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var meaningful = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.Contains('@', StringComparison.Ordinal) && !w.Contains("://", StringComparison.Ordinal))
            .SelectMany(w => w.ToLowerInvariant().Split([',', '.', '!', '?', '¡', '¿', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var scored = LatinMarkers
            .Select(m => (m.Language, Words: meaningful.Count(m.Words.Contains), Letters: LetterHints(m.Language, text)))
            .Select(m => (m.Language, m.Letters, Score: m.Words + m.Letters))
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scored[0].Score == 0 || words.Length == 0)
        {
            return null;
        }

        // Clear: two signs or more and ahead of the runner-up, or a letter only that language uses. One common
        // word on its own ("no", "com") is a hint, not proof: it may be the other language's word too.
        var margin = scored[0].Score - scored[1].Score;
        var clear = margin >= 1 && (scored[0].Score >= 2 || scored[0].Letters > 0) && (margin >= 2 || scored[0].Score >= 3);
        return new(scored[0].Language, clear);
    }
}

/// <summary>A guessed language and whether the text leaves no doubt.</summary>
public sealed record LanguageGuess(string Language, bool IsClear);
