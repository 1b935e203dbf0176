using System.Globalization;
using LiveAssist.Dialogs.Content;
using Newtonsoft.Json.Linq;

namespace LiveAssist.Dialogs.Locales;

/// <summary>
/// The bot's texts, read from <c>locales/&lt;lang&gt;/*.json</c>. A key maps to a template or to a
/// list of variations (one is picked at random). Lookup falls back es-MX → es → en → zh.
/// Templates have named slots and plural choices (<see cref="TextTemplate"/>). The table is swapped
/// whole when an operator publishes or a file changes on disk, so a turn never sees half an update.
/// </summary>
public sealed class LocaleTexts
{
    private volatile IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> _byLanguage;
    private readonly IReadOnlyList<string> _fallbacks;

    public LocaleTexts(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> byLanguage, IReadOnlyList<string> fallbacks)
    {
        _byLanguage = byLanguage ?? throw new ArgumentNullException(nameof(byLanguage));
        _fallbacks = fallbacks ?? throw new ArgumentNullException(nameof(fallbacks));
    }

    public IEnumerable<string> Languages => _byLanguage.Keys;

    public IReadOnlyList<string> Fallbacks => _fallbacks;

    /// <summary>Loads every <c>&lt;lang&gt;/*.json</c> file; a file that is not an object of strings/arrays throws with its path.</summary>
    public static LocaleTexts Load(string directory, IReadOnlyList<string> fallbacks)
    {
        try
        {
            return new LocaleTexts(Merge(Files(directory).Select(f => (LanguageOf(f.Path), ReadFile(f.Path, f.Text)))), fallbacks);
        }
        catch (ContentException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Loads what can be used at startup, skipping broken files (the content store reports them and
    /// swaps in the validated set moments later; a broken file must not stop the bot starting).
    /// </summary>
    public static LocaleTexts LoadUsable(string directory, IReadOnlyList<string> fallbacks)
    {
        var usable = new List<(string, IReadOnlyDictionary<string, string[]>)>();
        foreach (var (path, text) in Files(directory))
        {
            try
            {
                usable.Add((LanguageOf(path), ReadFile(path, text)));
            }
            catch (ContentException)
            {
            }
        }

        return new LocaleTexts(Merge(usable), fallbacks);
    }

    /// <summary>Every <c>&lt;lang&gt;/*.json</c> below <paramref name="directory"/>: path relative to it, and text.</summary>
    private static IEnumerable<(string Path, string Text)> Files(string directory)
        => System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(file => (Path.GetRelativePath(directory, file).Replace('\\', '/'), File.ReadAllText(file)))
            : [];

    /// <summary>Replaces every text at once (hot reload, publish, rollback).</summary>
    public void Replace(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> byLanguage)
        => _byLanguage = byLanguage ?? throw new ArgumentNullException(nameof(byLanguage));

    /// <summary>The language folder of a path relative to the locales folder ("es/bot.json" → "es").</summary>
    public static string LanguageOf(string relativePath) => relativePath.Split('/')[0];

    /// <summary>Joins files into one table per language; a later file's key wins.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> Merge(IEnumerable<(string Language, IReadOnlyDictionary<string, string[]> Texts)> files)
    {
        var languages = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, texts) in files)
        {
            if (!languages.TryGetValue(language, out var table))
            {
                languages[language] = table = new Dictionary<string, string[]>(StringComparer.Ordinal);
            }

            foreach (var (key, value) in texts)
            {
                table[key] = value;
            }
        }

        return languages.ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, string[]>)l.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads one locale file: a JSON object whose values are a template or a list of variations.
    /// Throws <see cref="ContentException"/> with the line of every bad entry.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> ReadFile(string path, string text)
    {
        var root = JsonSource.Parse(path, text);
        if (root is not JObject entries)
        {
            throw new ContentException([JsonSource.At(path, root, "The file must be a JSON object of texts: { \"key\": \"text\" or [\"variation\", …] }.")]);
        }

        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        foreach (var property in entries.Properties())
        {
            string[]? values = property.Value switch
            {
                JValue { Type: JTokenType.String } single => [(string)single!],
                JArray { Count: > 0 } list when list.All(v => v.Type == JTokenType.String) => [.. list.Select(v => (string)v!)],
                _ => null,
            };
            if (values is null)
            {
                problems.Add(JsonSource.At(path, property, $"'{property.Name}' must be a string or a non-empty list of strings."));
                continue;
            }

            foreach (var value in values)
            {
                if (TextTemplate.Problem(value) is { } problem)
                {
                    problems.Add(JsonSource.At(path, property, $"'{property.Name}': {problem}"));
                }
            }

            texts[property.Name] = values;
        }

        return problems.Count > 0 ? throw new ContentException(problems) : texts;
    }

    /// <summary>The language whose texts will be used for <paramref name="locale"/> (e.g. es-MX → es).</summary>
    public string ResolveLanguage(string? locale)
    {
        var table = _byLanguage;
        foreach (var candidate in Candidates(locale))
        {
            if (table.ContainsKey(candidate))
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

    /// <summary>True when the whole message, ignoring closing punctuation, is one of the key's variations in any language ("hi", "¡hola!", "取消").</summary>
    public bool IsWholeMessage(string? text, string key)
    {
        var said = (text ?? string.Empty).Trim().Trim('!', '?', '.', '！', '？', '。', '¡', '¿').Trim();
        return said.Length > 0 && AllVariations(key).Any(word => string.Equals(said, word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The text for <paramref name="key"/> in the best language for <paramref name="locale"/>, slots filled.</summary>
    public string Get(string? locale, string key, IReadOnlyDictionary<string, object?>? slots = null)
    {
        var variations = Find(locale, key) ?? throw new KeyNotFoundException($"No text '{key}' in any language.");
        var template = variations.Length == 1 ? variations[0] : variations[Random.Shared.Next(variations.Length)];
        return TextTemplate.Fill(template, slots, locale ?? _fallbacks.FirstOrDefault(), CultureFor(locale));
    }

    /// <summary>
    /// Per language, the keys the first fallback language (en) has and it lacks: what a translator
    /// still has to write. Those keys are answered in en (then zh) meanwhile.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> MissingKeys(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> byLanguage, string reference)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        if (!byLanguage.TryGetValue(reference, out var referenceTexts))
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        return byLanguage.Where(l => !string.Equals(l.Key, reference, StringComparison.OrdinalIgnoreCase))
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .ToDictionary(l => l.Key, l => (IReadOnlyList<string>)[.. referenceTexts.Keys.Where(k => !l.Value.ContainsKey(k)).Order(StringComparer.Ordinal)]);
    }

    private string[]? Find(string? locale, string key)
    {
        var table = _byLanguage;
        foreach (var candidate in Candidates(locale))
        {
            if (table.TryGetValue(candidate, out var texts) && texts.TryGetValue(key, out var value))
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
}
