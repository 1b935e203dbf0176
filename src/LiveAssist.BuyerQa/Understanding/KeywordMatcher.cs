using System.Text.RegularExpressions;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Understanding;

/// <summary>
/// Finds the words operators listed under a key in <c>locales/&lt;lang&gt;/intents.json</c>, in the
/// buyer's language and in English (buyers mix in "MOQ", "logo", "FOB"). Whole words for
/// space-separated scripts, substrings for Chinese. Accents are ignored (buyers type "minimo" for
/// "mínimo") and a listed word of five letters or more also matches with a short ending added, so
/// "certification" finds "certifications" and "сертификат" finds "сертификаты".
/// </summary>
public sealed class KeywordMatcher(LocaleTexts texts)
{
    private readonly Dictionary<(string Language, string Key), List<Regex>> _cache = [];
    private readonly Lock _gate = new();

    /// <summary>Where each listed word occurs in <paramref name="text"/>.</summary>
    public IReadOnlyList<(int Start, int Length)> Find(string text, string language, string key)
    {
        var found = new List<(int, int)>();
        var folded = Fold(text);
        foreach (var pattern in Patterns(language, key))
        {
            foreach (Match match in pattern.Matches(folded))
            {
                found.Add((match.Index, match.Length));
            }
        }

        return found;
    }

    public bool Any(string text, string language, string key)
    {
        var folded = Fold(text);
        return Patterns(language, key).Any(p => p.IsMatch(folded));
    }

    /// <summary>
    /// The text with accents removed letter by letter (á → a, й → и, أ → ا), keeping its length so that
    /// positions found in it are positions in the original.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c < FoldTable.Length ? FoldTable[c] : c;
            }
        });
    }

    // Every question is folded once per keyword list, so the decomposition is done once here for the
    // scripts buyers write in (Latin, Greek, Cyrillic, Arabic); other characters stay as they are.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static char[] BuildFoldTable()
    {
        var table = new char[0x0700];
        for (var c = 0; c < table.Length; c++)
        {
            var ch = (char)c;
            table[c] = c < 0x00C0 ? ch : ch.ToString().Normalize(System.Text.NormalizationForm.FormD)[0];
        }

        return table;
    }

    private List<Regex> Patterns(string language, string key)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue((language, key), out var cached))
            {
                return cached;
            }

            var words = texts.VariationsIn(language, key).Concat(language == "en" ? [] : texts.VariationsIn("en", key))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(w => w.Length);
            var patterns = words.Select(Compile).ToList();
            _cache[(language, key)] = patterns;
            return patterns;
        }
    }

    private static Regex Compile(string word)
    {
        word = Fold(word.Trim());
        var escaped = Regex.Escape(word);
        var cjk = word.Any(c => c is >= '\u4E00' and <= '\u9FFF');
        var ending = word.Length >= 5 && char.IsLetter(word[^1]) ? @"\p{L}{0,3}" : string.Empty;
        var pattern = cjk || word is "#" ? escaped : @"(?<![\p{L}\p{N}])" + escaped + ending + @"(?![\p{L}\p{N}])";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
