using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveAssist.BuyerQa.Understanding;

/// <summary>Destination countries named in a question (names and trade cities in many languages), and their names for answers.</summary>
public sealed class CountryRecognizer
{
    private readonly List<(string Name, string Code, Regex? Pattern)> _names;
    private readonly Dictionary<string, Dictionary<string, string>> _display;

    private CountryRecognizer(List<(string, string, Regex?)> names, Dictionary<string, Dictionary<string, string>> display)
    {
        _names = names;
        _display = display;
    }

    public static CountryRecognizer Load()
    {
        using var stream = typeof(CountryRecognizer).Assembly.GetManifestResourceStream("LiveAssist.BuyerQa.Data.countries.json")
            ?? throw new InvalidOperationException("countries.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var names = new List<(string, string, Regex?)>();
        var display = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var country in document.RootElement.EnumerateObject().Where(c => !c.Name.StartsWith('_')))
        {
            var perLanguage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var language in country.Value.EnumerateObject())
            {
                var list = language.Value.EnumerateArray().Select(v => v.GetString()!).ToList();
                perLanguage[language.Name] = list[0];
                foreach (var name in list)
                {
                    // Short Latin names ("US", "UK") only as whole words, matching case, so "us" the pronoun is not a country.
                    var caseSensitive = name.Length <= 3 && name.All(char.IsAsciiLetterUpper);
                    names.Add((name.ToLowerInvariant(), country.Name, WordPattern(name, caseSensitive)));
                }
            }

            display[country.Name] = perLanguage;
        }

        names.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length)); // longest first: "South Africa" before "Africa"
        return new CountryRecognizer(names, display);
    }

    /// <summary>The first country named in the text, with where it was found.</summary>
    public (string Code, int Start, int Length)? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        (string, int, int)? best = null;
        foreach (var (name, code, pattern) in _names)
        {
            int index, length = name.Length;
            if (pattern is not null)
            {
                // ~500 names per question: a plain substring check first, the word-boundary pattern only where it can match.
                if (!lower.Contains(name, StringComparison.Ordinal))
                {
                    continue;
                }

                var match = pattern.Match(text);
                if (!match.Success)
                {
                    continue;
                }

                index = match.Index;
                length = match.Length;
            }
            else
            {
                index = lower.IndexOf(name, StringComparison.Ordinal);
                if (index < 0)
                {
                    continue;
                }
            }

            if (best is null || index < best.Value.Item2)
            {
                best = (code, index, length);
            }
        }

        return best;
    }

    /// <summary>The country's name in <paramref name="language"/>, else English, else its code.</summary>
    public string Name(string code, string language)
        => _display.TryGetValue(code, out var names)
            ? names.GetValueOrDefault(language.Split('-')[0]) ?? names.GetValueOrDefault("en") ?? code
            : code;

    private static Regex? WordPattern(string name, bool caseSensitive)
    {
        // Scripts without spaces between words (Chinese, Thai) match as substrings.
        if (name.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u0E00' and <= '\u0E7F'))
        {
            return null;
        }

        var options = RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        return new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(name) + @"(?![\p{L}\p{N}])", options, TimeSpan.FromMilliseconds(50));
    }
}
