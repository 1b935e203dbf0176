using System.Collections.Concurrent;
using LiveAssist.Catalog.Client;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// The English words (stemmed) that the catalog's titles, attributes, variants and categories use: what a
/// translated buyer word must land on to name a product. Filled by the store as products are read or imported.
/// </summary>
internal sealed class CatalogVocabulary
{
    private readonly ConcurrentDictionary<string, byte> _words = new(StringComparer.Ordinal);

    public bool IsEmpty => _words.IsEmpty;

    /// <summary>Identifies this set of words (size and content), for caches built from it.</summary>
    public int Fingerprint
    {
        get
        {
            var hash = 0;
            foreach (var word in _words.Keys)
            {
                hash ^= word.GetHashCode(StringComparison.Ordinal); // order-free
            }

            return hash ^ _words.Count;
        }
    }

    public void Add(Product product)
    {
        ArgumentNullException.ThrowIfNull(product);
        AddText(product.Title?.For("en"));
        AddText(product.Category?.Replace('/', ' ').Replace('-', ' '));
        foreach (var attribute in product.Attributes ?? [])
        {
            AddText(attribute.Value?.For("en"));
        }

        foreach (var variant in product.Variants ?? [])
        {
            foreach (var option in variant.Options?.Values ?? Enumerable.Empty<LocalizedText>())
            {
                AddText(option?.For("en"));
            }
        }
    }

    public IReadOnlySet<string> Words() => _words.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Catalog words that look like the buyer's word: cognates such as magnético / magnétique / магнитный → magnetic.</summary>
    public IEnumerable<string> Cognates(string folded)
    {
        if (folded.Length < 6)
        {
            yield break;
        }

        var latin = Transliteration.ToLatin(folded);
        foreach (var word in _words.Keys)
        {
            if (word.Length >= 5 && latin.Length >= 6 && word[..3] == latin[..3] && Differences(word, latin, Math.Min(6, word.Length)) <= 1)
            {
                yield return word;
            }
        }
    }

    private static int Differences(string a, string b, int length)
    {
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            if (i >= a.Length || i >= b.Length || a[i] != b[i])
            {
                count++;
            }
        }

        return count;
    }

    private void AddText(string? text)
    {
        foreach (var token in TextTokens.Split(text))
        {
            if (token.Length > 1 && !token.All(char.IsDigit))
            {
                _words.TryAdd(TextTokens.Stem(token), 0);
            }
        }
    }
}

/// <summary>Russian letters in Latin ones (ISO 9-like, simplified), to compare Russian words with English cognates.</summary>
internal static class Transliteration
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z", ['и'] = "i",
        ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t",
        ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "",
        ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    public static string ToLatin(string word)
    {
        if (!word.Any(c => c is >= '\u0400' and <= '\u04FF'))
        {
            return word;
        }

        var builder = new System.Text.StringBuilder(word.Length + 4);
        foreach (var c in word)
        {
            builder.Append(Cyrillic.TryGetValue(c, out var latin) ? latin : c.ToString());
        }

        return builder.ToString();
    }
}
