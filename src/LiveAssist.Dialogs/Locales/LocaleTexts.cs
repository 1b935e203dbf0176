using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// The bot's texts, read from <c>locales/&lt;lang&gt;/*.json</c>. A key maps to a template or to a
/// list of variations (one is picked at random). Lookup falls back es-MX → es → en → zh.
/// Templates have named slots: <c>"Hi {name}"</c>.
/// </summary>
public sealed class LocaleTexts
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> _byLanguage;
    private readonly IReadOnlyList<string> _fallbacks;

    public LocaleTexts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> byLanguage, IReadOnlyList<string> fallbacks)
    {
        _byLanguage = byLanguage ?? throw new ArgumentNullException(nameof(byLanguage));
        _fallbacks = fallbacks ?? throw new ArgumentNullException(nameof(fallbacks));
    }

    public IEnumerable<string> Languages => _byLanguage.Keys;

    /// <summary>Loads every <c>&lt;lang&gt;/*.json</c> file; a file that is not an object of strings/arrays throws with its path.</summary>
    public static LocaleTexts Load(string directory, IReadOnlyList<string> fallbacks)
    {
        var languages = new Dictionary<string, IReadOnlyDictionary<string, string[]>>(StringComparer.OrdinalIgnoreCase);
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var languageDir in System.IO.Directory.EnumerateDirectories(directory))
            {
                var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var file in System.IO.Directory.EnumerateFiles(languageDir, "*.json").Order(StringComparer.Ordinal))
                {
                    ReadFile(file, texts);
                }

                languages[Path.GetFileName(languageDir)] = texts;
            }
        }

        return new LocaleTexts(languages, fallbacks);
    }

    /// <summary>The language whose texts will be used for <paramref name="locale"/> (e.g. es-MX → es).</summary>
    public string ResolveLanguage(string? locale)
    {
        foreach (var candidate in Candidates(locale))
        {
            if (_byLanguage.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return _fallbacks.FirstOrDefault() ?? "en";
    }

    public bool Has(string? locale, string key) => Find(locale, key) is not null;

    /// <summary>Every variation of <paramref name="key"/> in one language (no fallback): e.g. that language's intent words.</summary>
    public IReadOnlyList<string> VariationsIn(string language, string key)
        => _byLanguage.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var values) ? values : [];

    /// <summary>Every variation of <paramref name="key"/> in every language (e.g. all greeting words).</summary>
    public IEnumerable<string> AllVariations(string key)
        => _byLanguage.Values.SelectMany(texts => texts.TryGetValue(key, out var values) ? values : []);

    /// <summary>The text for <paramref name="key"/> in the best language for <paramref name="locale"/>, slots filled.</summary>
    public string Get(string? locale, string key, IReadOnlyDictionary<string, object?>? slots = null)
    {
        var variations = Find(locale, key) ?? throw new KeyNotFoundException($"No text '{key}' in any language.");
        var template = variations.Length == 1 ? variations[0] : variations[Random.Shared.Next(variations.Length)];
        return Fill(template, slots, CultureFor(locale));
    }

    private string[]? Find(string? locale, string key)
    {
        foreach (var candidate in Candidates(locale))
        {
            if (_byLanguage.TryGetValue(candidate, out var texts) && texts.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private IEnumerable<string> Candidates(string? locale)
    {
        if (!string.IsNullOrWhiteSpace(locale))
        {
            var tag = locale.Trim().Replace('_', '-');
            yield return tag;
            var dash = tag.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                yield return tag[..dash];
            }
        }

        foreach (var fallback in _fallbacks)
        {
            yield return fallback;
        }
    }

    private static CultureInfo CultureFor(string? locale)
    {
        try
        {
            return string.IsNullOrWhiteSpace(locale) ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static string Fill(string template, IReadOnlyDictionary<string, object?>? slots, CultureInfo culture)
    {
        if (slots is null || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            if (slots.TryGetValue(name, out var value))
            {
                result.Append(FormatSlot(value, culture));
            }
            else
            {
                result.Append(template, open, close - open + 1); // unknown slot stays visible, so a typo is noticed
            }

            i = close + 1;
        }

        return result.ToString();
    }

    // Numbers read the way the buyer writes them: 3,000 in en, 3.000 in es/de, up to two decimals.
    private static string? FormatSlot(object? value, CultureInfo culture) => value switch
    {
        int or long or decimal or double or float or short => ((IFormattable)value).ToString("#,0.##", culture),
        IFormattable formattable => formattable.ToString(null, culture),
        _ => value?.ToString(),
    };

    private static void ReadFile(string path, Dictionary<string, string[]> texts)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: the file must be a JSON object of texts.");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            texts[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => [property.Value.GetString()!],
                JsonValueKind.Array when property.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
                    => [.. property.Value.EnumerateArray().Select(v => v.GetString()!)],
                _ => throw new InvalidDataException($"{path}: '{property.Name}' must be a string or a list of strings."),
            };
        }
    }
}
