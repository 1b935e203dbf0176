using System.Text.Json;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// Buyers' words for commodities in es/pt/fr/ru/ar/id/vi/th, mapped to the English words catalog
/// titles use ("termo" → "flask", "заколка" → "hair clip"), from <c>Data/search-lexicon.json</c>.
/// </summary>
internal sealed class SearchLexicon
{
    private readonly Dictionary<string, string> _toEnglish;

    private SearchLexicon(Dictionary<string, string> toEnglish, int longest)
    {
        _toEnglish = toEnglish;
        LongestPhrase = longest;
    }

    /// <summary>The most words a lexicon phrase has.</summary>
    public int LongestPhrase { get; }

    public static SearchLexicon Load()
    {
        using var stream = typeof(SearchLexicon).Assembly.GetManifestResourceStream("LiveAssist.Catalog.Service.Data.search-lexicon.json")
            ?? throw new InvalidOperationException("The search lexicon is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var longest = 1;
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Name.StartsWith('_'))
            {
                continue;
            }

            foreach (var language in entry.Value.EnumerateObject())
            {
                foreach (var phrase in language.Value.EnumerateArray())
                {
                    var key = string.Join(' ', TextTokens.Split(phrase.GetString()));
                    map.TryAdd(key, entry.Name);
                    map.TryAdd(TextTokens.StemPhrase(key), entry.Name); // inflected forms of the phrase find it too
                    longest = Math.Max(longest, key.Count(c => c == ' ') + 1);
                }
            }
        }

        return new SearchLexicon(map, longest);
    }

    /// <summary>The English words for a phrase of buyer's words, or null when the lexicon does not know it.</summary>
    public string? ToEnglish(string phrase) => _toEnglish.GetValueOrDefault(phrase);
}
