using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// What Yiwu sellers say on a live stream, as clause patterns with slots, translated by a person into
/// every caption language (<c>Data/livestream.json</c>). A clause is matched after its figures (#),
/// glossary terms, product words, colours, materials and places (@) are taken out; <c>*</c> in a
/// pattern is a shop or brand name (one to four Chinese characters, romanized). Fillers (啊, 哦, 嘛 ...)
/// and 的 are ignored, so "这款杯子现在只要一块五一个哦" is the pattern "这款@现在只要#".
/// </summary>
public sealed class LivestreamPhrasebook
{
    public const char Figure = '#';
    public const char Term = '@';
    public const char Name = '*';

    private readonly Dictionary<string, Pattern> _exact = new(StringComparer.Ordinal);
    private readonly List<(Regex Regex, Pattern Pattern)> _named = [];
    private readonly string[] _startFillers;
    private readonly string[] _endFillers;
    private readonly (string From, string To)[] _normalize;

    private LivestreamPhrasebook(JsonElement root)
    {
        Languages = [.. root.GetProperty("languages").EnumerateArray().Select(l => l.GetString()!)];
        Dictionary<string, string> Row(JsonElement row, int skip) => Languages.Select((l, i) => (l, row[i + skip].GetString()!)).ToDictionary(p => p.l, p => p.Item2, StringComparer.Ordinal);

        _startFillers = [.. root.GetProperty("fillers").GetProperty("start").EnumerateArray().Select(f => f.GetString()!).OrderByDescending(f => f.Length)];
        _endFillers = [.. root.GetProperty("fillers").GetProperty("end").EnumerateArray().Select(f => f.GetString()!).OrderByDescending(f => f.Length)];
        _normalize = [.. root.GetProperty("normalize").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).OrderByDescending(p => p.Name.Length)];
        Vocatives = [.. root.GetProperty("vocatives").EnumerateArray().Select(v => v.GetString()!).OrderByDescending(v => v.Length)];
        Vocative = Row(root.GetProperty("vocative"), 0);
        And = Row(root.GetProperty("and"), 0);
        Words = root.GetProperty("words").EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyDictionary<string, string>)Row(p.Value, 0), StringComparer.Ordinal);
        foreach (var row in root.GetProperty("patterns").EnumerateArray())
        {
            var translations = Row(row, 1);
            foreach (var form in row[0].GetString()!.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Key(WithFigureSlots(form));
                var pattern = new Pattern(form, key, translations);
                if (key.Contains(Name, StringComparison.Ordinal))
                {
                    var regex = "^" + Regex.Escape(key).Replace(@"\*", "([\u4E00-\u9FFF]{1,4}?)", StringComparison.Ordinal) + "$";
                    _named.Add((new Regex(regex, RegexOptions.CultureInvariant), pattern));
                }
                else
                {
                    _exact.TryAdd(key, pattern);
                }
            }
        }
    }

    /// <summary>The caption languages every pattern is translated into.</summary>
    public IReadOnlyList<string> Languages { get; }

    public int PatternCount => _exact.Count + _named.Count;

    /// <summary>Product words, colours, materials and places, by Chinese word then language.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Words { get; }

    /// <summary>Ways a host addresses the audience at the start of a line (家人们, 宝宝们 ...).</summary>
    public IReadOnlyList<string> Vocatives { get; }

    public IReadOnlyDictionary<string, string> Vocative { get; }

    /// <summary>"and" in each language, for lists ("red, blue and black").</summary>
    public IReadOnlyDictionary<string, string> And { get; }

    public static LivestreamPhrasebook Load()
    {
        using var stream = typeof(LivestreamPhrasebook).Assembly.GetManifestResourceStream("LiveAssist.Translation.Data.livestream.json")
            ?? throw new InvalidOperationException("livestream.json is not embedded.");
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return new LivestreamPhrasebook(document.RootElement);
    }

    /// <summary>The pattern a clause key says, with the romanized-name captures of its <c>*</c> slots; null when none does.</summary>
    public (Pattern Pattern, IReadOnlyList<string> Names)? Match(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_exact.TryGetValue(key, out var exact))
        {
            return (exact, []);
        }

        foreach (var (regex, pattern) in _named)
        {
            var match = regex.Match(key);
            if (match.Success)
            {
                return (pattern, [.. match.Groups.Cast<Group>().Skip(1).Select(g => g.Value)]);
            }
        }

        return null;
    }

    /// <summary>
    /// The matching form of a clause whose slots are already the characters <see cref="Figure"/> and
    /// <see cref="Term"/>: no spaces or punctuation, no 的, no fillers at either end, house synonyms applied.
    /// </summary>
    public string Key(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var builder = new StringBuilder(clause.Length);
        foreach (var c in clause)
        {
            if (c is Figure or Term or Name || char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var key = builder.ToString();
        foreach (var (from, to) in _normalize)
        {
            key = key.Replace(from, to, StringComparison.Ordinal);
        }

        key = key.Replace("的", string.Empty, StringComparison.Ordinal);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var filler in _startFillers)
            {
                if (key.Length > filler.Length && key.StartsWith(filler, StringComparison.Ordinal))
                {
                    key = key[filler.Length..];
                    changed = true;
                }
            }

            foreach (var filler in _endFillers)
            {
                if (key.Length > filler.Length && key.EndsWith(filler, StringComparison.Ordinal))
                {
                    key = key[..^filler.Length];
                    changed = true;
                }
            }
        }

        return key;
    }

    // A pattern's own numerals are figures in a host's line too ("一件代发": # 代发).
    // So are its product words and places ("义乌小商品": @小商品), which the sentence takes out before matching.
    private string WithFigureSlots(string form)
    {
        var builder = new StringBuilder(form);
        foreach (var word in Words.Keys.OrderByDescending(w => w.Length))
        {
            builder.Replace(word, Term.ToString());
        }

        var withTerms = builder.ToString();
        foreach (var figure in Figures.FigureReader.Read(withTerms).OrderByDescending(f => f.Start))
        {
            builder.Remove(figure.Start, figure.Length).Insert(figure.Start, Figure);
        }

        return builder.ToString();
    }

    /// <summary>A phrasebook clause: its Chinese form and its translation per language, slots written {1}, {2} ... in the order of the Chinese.</summary>
    public sealed record Pattern(string Source, string Key, IReadOnlyDictionary<string, string> Translations);
}
