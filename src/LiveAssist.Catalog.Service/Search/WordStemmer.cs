using Lucene.Net.Analysis.Ar;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// Reduces a word to its stem in the buyer's language with Lucene's maintained stemmers (Snowball for
/// en/es/pt/fr/de/ru, the light stemmer for Arabic), so "magnéticas", "bloques" and "плюшевого" meet the
/// dictionary headwords and titles they come from. Stemmers keep state, so each thread has its own.
/// </summary>
internal static class WordStemmer
{
    [ThreadStatic]
    private static Dictionary<string, SnowballProgram>? _snowball;

    [ThreadStatic]
    private static ArabicStemmer? _arabic;

    [ThreadStatic]
    private static ArabicNormalizer? _arabicNormalizer;

    public static readonly string[] Languages = ["en", "es", "pt", "fr", "de", "ru", "ar"];

    public static string Stem(string word, string? language)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3 || language is null)
        {
            return word;
        }

        if (language == "ar")
        {
            _arabic ??= new ArabicStemmer();
            _arabicNormalizer ??= new ArabicNormalizer();
            var chars = word.ToCharArray();
            var length = _arabicNormalizer.Normalize(chars, chars.Length);
            length = _arabic.Stem(chars, length);
            return new string(chars, 0, length);
        }

        _snowball ??= [];
        if (!_snowball.TryGetValue(language, out var stemmer))
        {
            stemmer = language switch
            {
                "en" => new EnglishStemmer(),
                "es" => new SpanishStemmer(),
                "pt" => new PortugueseStemmer(),
                "fr" => new FrenchStemmer(),
                "de" => new German2Stemmer(),
                "ru" => new RussianStemmer(),
                _ => null!,
            };
            if (stemmer is null)
            {
                return word;
            }

            _snowball[language] = stemmer;
        }

        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The language a Latin/Cyrillic/Arabic word is most likely in, from its script only (null for Latin).</summary>
    public static string? ScriptLanguage(string word)
        => word.Any(c => c is >= '\u0400' and <= '\u04FF') ? "ru" : word.Any(c => c is >= '\u0600' and <= '\u06FF') ? "ar" : null;
}
