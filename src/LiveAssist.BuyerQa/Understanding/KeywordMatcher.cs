using System.Text.RegularExpressions;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Understanding;

/// <summary>
/// Finds the words operators listed under a key in <c>locales/&lt;lang&gt;/intents.json</c>, in the
/// buyer's language and in English (buyers mix in "MOQ", "logo", "FOB"). Whole words for
/// space-separated scripts, substrings for Chinese. Accents are ignored (buyers type "minimo" for
/// "mínimo") and a listed word of five letters or more also matches with a short ending added, so
/// "certification" finds "certifications" and "сертификат" finds "сертификаты".
/// The words come from the texts of the turn's content snapshot (or an operator's draft in a preview), so an
/// edit of <c>intents.json</c> is live for the next turn; compiled patterns are kept per snapshot.
/// </summary>
public sealed class KeywordMatcher
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<LocaleTexts, System.Collections.Concurrent.ConcurrentDictionary<(string Language, string Key), List<Regex>>> _cache = [];

    /// <summary>Where each listed word occurs in <paramref name="text"/>.</summary>
    public IReadOnlyList<(int Start, int Length)> Find(LocaleTexts texts, string text, string language, string key)
    {
        var found = new List<(int, int)>();
        var folded = Fold(text);
        foreach (var pattern in Patterns(texts, language, key))
        {
            foreach (Match match in pattern.Matches(folded))
            {
                found.Add((match.Index, match.Length));
            }
        }

        return found;
    }

    public bool Any(LocaleTexts texts, string text, string language, string key)
    {
        var folded = Fold(text);
        return Patterns(texts, language, key).Any(p => p.IsMatch(folded));
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

    // One pattern per list and kind of word (whole words; Chinese substrings), not one per word: a question is
    // scanned a few dozen times per turn instead of several hundred. Longest words first, so a phrase wins over
    // a word inside it.
    private List<Regex> Patterns(LocaleTexts texts, string language, string key)
        => _cache.GetValue(texts, _ => new()).GetOrAdd((language, key), k =>
        {
            var words = texts.VariationsIn(k.Language, k.Key).Concat(k.Language == "en" ? [] : texts.VariationsIn("en", k.Key))
                .Select(w => Fold(w.Trim())).Where(w => w.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(w => w.Length)
                .ToList();
            var anywhere = words.Where(IsSubstringWord).Select(Regex.Escape).ToList();
            var whole = words.Where(w => !IsSubstringWord(w)).Select(w => Regex.Escape(w) + (w.Length >= 5 && char.IsLetter(w[^1]) ? @"\p{L}{0,3}" : string.Empty)).ToList();
            var patterns = new List<Regex>(2);
            if (whole.Count > 0)
            {
                patterns.Add(Compile(@"(?<![\p{L}\p{N}])(?:" + string.Join('|', whole) + @")(?![\p{L}\p{N}])"));
            }

            if (anywhere.Count > 0)
            {
                patterns.Add(Compile("(?:" + string.Join('|', anywhere) + ")"));
            }

            return patterns;
        });

    private static bool IsSubstringWord(string word) => word is "#" || word.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    private static Regex Compile(string pattern)
        => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
}
