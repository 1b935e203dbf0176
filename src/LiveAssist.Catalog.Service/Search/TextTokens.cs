using System.Globalization;
using System.Text;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// Splits text into search terms. Latin, Cyrillic and Arabic words are lowercased with accents kept
/// (the index also strips them); Chinese runs become overlapping two-character terms ("保温杯" → 保温 温杯),
/// which finds words without a dictionary and is how many CJK search engines segment.
/// </summary>
internal static class TextTokens
{
    public static IEnumerable<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        var han = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (IsHan(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                han.Append(c);
                continue;
            }

            foreach (var term in FlushHan(han))
            {
                yield return term;
            }

            if (char.IsLetterOrDigit(c) || c is '\'' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        foreach (var term in FlushHan(han))
        {
            yield return term;
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    // Russian case and number endings, longest first: "плюшевого мишки" and "плюшевый мишка" share "плюшев мишк".
    private static readonly string[] CyrillicEndings =
    [
        "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ая", "яя", "ое", "ее", "ые", "ие", "ый", "ий", "ой", "ей",
        "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю", "а", "я", "ы", "и", "у", "ю", "е", "о",
    ];

    /// <summary>
    /// Plural-insensitive form of a Latin-script word (bottles and bottle → bottl, cajas → caja, colores → color),
    /// ending-insensitive form of a Russian one (мишки → мишк); other words as they are. Only an index and query term:
    /// the catalog and the buyer's words go through it alike, and nobody is shown it.
    /// </summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 4 && word.All(c => c is >= '\u0400' and <= '\u04FF'))
        {
            foreach (var ending in CyrillicEndings)
            {
                if (word.EndsWith(ending, StringComparison.Ordinal) && word.Length - ending.Length >= 3)
                {
                    return word[..^ending.Length];
                }
            }

            return word;
        }

        if (!IsLatin(word))
        {
            return word;
        }

        var stem = word;
        if (stem.Length > 4 && stem.EndsWith("es", StringComparison.Ordinal) && !stem.EndsWith("ses", StringComparison.Ordinal))
        {
            stem = stem[..^2];
        }
        else if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }

        // "-es" is the plural of box and color, but only "-s" that of bottle, shoe and llave: without their final e,
        // the singular meets the plural either way (bottle, bottles → bottl; glass, glasses → glass).
        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    /// <summary>Each word of a phrase stemmed.</summary>
    public static string StemPhrase(string phrase) => string.Join(' ', phrase.Split(' ').Select(Stem));

    /// <summary>Lowercase with accents removed (magnéticas → magneticas), for dictionary and cognate lookups.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark || c is >= '\u0600' and <= '\u06FF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsLatin(string word) => word.All(c => c < '\u0250');

    private static IEnumerable<string> FlushHan(StringBuilder han)
    {
        if (han.Length == 0)
        {
            return [];
        }

        var run = han.ToString();
        han.Clear();
        if (run.Length == 1)
        {
            return [run];
        }

        var grams = new List<string>(run.Length - 1);
        for (var i = 0; i + 1 < run.Length; i++)
        {
            grams.Add(run.Substring(i, 2));
        }

        return grams;
    }
}
