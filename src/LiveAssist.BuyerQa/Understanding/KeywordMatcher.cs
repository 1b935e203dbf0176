using System.Text.RegularExpressions;
using LiveAssist.Dialogs.Locales;

namespace LiveAssist.BuyerQa.Understanding;

/// <summary>
/// Finds the words operators listed under a key in <c>locales/&lt;lang&gt;/intents.json</c>, in the
/// buyer's language and in English (buyers mix in "MOQ", "logo", "FOB"). Whole words for
/// space-separated scripts, substrings for Chinese.
/// </summary>
public sealed class KeywordMatcher(LocaleTexts texts)
{
    private readonly Dictionary<(string Language, string Key), List<Regex>> _cache = [];
    private readonly Lock _gate = new();

    /// <summary>Where each listed word occurs in <paramref name="text"/>.</summary>
    public IReadOnlyList<(int Start, int Length)> Find(string text, string language, string key)
    {
        var found = new List<(int, int)>();
        foreach (var pattern in Patterns(language, key))
        {
            foreach (Match match in pattern.Matches(text))
            {
                found.Add((match.Index, match.Length));
            }
        }

        return found;
    }

    public bool Any(string text, string language, string key) => Patterns(language, key).Any(p => p.IsMatch(text));

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
        var escaped = Regex.Escape(word.Trim());
        var cjk = word.Any(c => c is >= '\u4E00' and <= '\u9FFF');
        var pattern = cjk || word is "#" ? escaped : @"(?<![\p{L}\p{N}])" + escaped + @"(?![\p{L}\p{N}])";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
