using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveAssist.Catalog.Service.Search;

/// <summary>
/// Buyers' words in es/pt/fr/de/ar/ru translated to English through the FreeDict dictionaries Debian packages
/// (<c>dict-freedict-spa-eng</c>, <c>-por-eng</c>, <c>-fra-eng</c>, <c>-deu-eng</c>, <c>-ara-eng</c>, and
/// <c>-eng-rus</c> read backwards), in dictd format under <c>/usr/share/dictd</c>. A language's dictionary is read
/// once, on the first query in it, and only entries whose English names something in the catalog are kept, so
/// the 16 MB German one costs a few thousand entries of memory. Missing dictionaries are skipped.
/// </summary>
internal sealed partial class FreeDictLexicon(IOptions<CatalogServiceOptions> options, CatalogVocabulary vocabulary, ILogger<FreeDictLexicon> logger)
{
    private static readonly Dictionary<string, (string File, bool Reverse)> Files = new()
    {
        ["es"] = ("freedict-spa-eng", false), ["pt"] = ("freedict-por-eng", false), ["fr"] = ("freedict-fra-eng", false),
        ["de"] = ("freedict-deu-eng", false), ["ar"] = ("freedict-ara-eng", false), ["ru"] = ("freedict-eng-rus", true),
    };

    // Process-wide: every host in the process with the same dictionaries and catalog words shares one table.
    private static readonly ConcurrentDictionary<(string File, int Vocabulary), Lazy<Task<Dictionary<string, string[]>>>> Tables = new();


    /// <summary>The languages whose dictionary is installed.</summary>
    public IEnumerable<string> Installed => Files.Where(f => File.Exists(Path.Combine(options.Value.FreeDictDirectory, f.Value.File + ".index"))).Select(f => f.Key);

    /// <summary>English catalog words for a buyer's word (stemmed in its language), or none.</summary>
    public IReadOnlyList<string> ToEnglish(string word, string language)
    {
        if (!Files.ContainsKey(language))
        {
            return [];
        }

        // Never wait for a dictionary inside a buyer's request: until it is read, the word is searched as written.
        var loading = TableFor(language);
        return loading.IsCompletedSuccessfully && loading.Result.TryGetValue(WordStemmer.Stem(word, language), out var english) ? english : [];
    }

    /// <summary>Each dictionary's state: ready (with its entry count), loading, or not installed.</summary>
    public IReadOnlyDictionary<string, string> Status()
    {
        var installed = Installed.ToHashSet(StringComparer.Ordinal);
        return Files.Keys.Order(StringComparer.Ordinal).ToDictionary(l => l, l => !installed.Contains(l) ? "not installed"
            : !Tables.TryGetValue((Files[l].File, vocabulary.Fingerprint), out var table) || !table.IsValueCreated ? "not read yet"
            : table.Value.IsCompletedSuccessfully ? $"ready ({table.Value.Result.Count} words)"
            : table.Value.IsFaulted ? "failed: " + table.Value.Exception?.InnerException?.Message
            : "loading");
    }

    /// <summary>
    /// Starts reading the installed dictionaries, so the first buyer in a language finds them ready. A big one (the
    /// German index is 12 MB, ten seconds of a core) is read only once a buyer writes in its language, so a host
    /// that never sees German never spends that time.
    /// </summary>
    public void WarmUp()
    {
        foreach (var language in Installed)
        {
            var index = new FileInfo(Path.Combine(options.Value.FreeDictDirectory, Files[language].File + ".index"));
            if (index.Length <= WarmUpBelowBytes)
            {
                _ = TableFor(language);
            }
        }
    }

    private const long WarmUpBelowBytes = 4 * 1024 * 1024;

    private Task<Dictionary<string, string[]>> TableFor(string language)
    {
        var key = (Files[language].File, vocabulary.Fingerprint);
        return Tables.GetOrAdd(key, _ => new Lazy<Task<Dictionary<string, string[]>>>(() => Task.Run(() => Load(language)))).Value;
    }

    private Dictionary<string, string[]> Load(string language)
    {
        var (file, reverse) = Files[language];
        var index = Path.Combine(options.Value.FreeDictDirectory, file + ".index");
        var dict = Path.Combine(options.Value.FreeDictDirectory, file + ".dict.dz");
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!File.Exists(index) || !File.Exists(dict))
        {
            return [];
        }

        try
        {
            byte[] body;
            using (var gzip = new GZipStream(File.OpenRead(dict), CompressionMode.Decompress))
            using (var buffer = new MemoryStream())
            {
                gzip.CopyTo(buffer);
                body = buffer.ToArray();
            }

            var known = vocabulary.Words();
            foreach (var line in File.ReadLines(index, Encoding.UTF8))
            {
                var parts = line.Split('\t');
                if (parts.Length < 3 || parts[0].StartsWith("00-", StringComparison.Ordinal) || parts[0].StartsWith("00database", StringComparison.Ordinal))
                {
                    continue;
                }

                var offset = Base64Number(parts[1]);
                var length = Base64Number(parts[2]);
                if (offset < 0 || length <= 0 || offset + length > body.Length)
                {
                    continue;
                }

                var entry = Encoding.UTF8.GetString(body, (int)offset, (int)length);
                var glosses = Glosses(entry);
                if (reverse)
                {
                    // eng-rus: the headword is English, the glosses Russian.
                    var english = parts[0].ToLowerInvariant();
                    if (!Names(english, known))
                    {
                        continue;
                    }

                    foreach (var russian in glosses)
                    {
                        Add(table, WordStemmer.Stem(russian, language), english);
                    }

                    continue;
                }

                var useful = glosses.Where(g => Names(g, known)).Take(3).ToList();
                if (useful.Count > 0)
                {
                    var key = WordStemmer.Stem(TextTokens.Fold(parts[0].ToLowerInvariant()), language);
                    foreach (var gloss in useful)
                    {
                        Add(table, key, gloss);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, ex, file);
            return [];
        }

        LogLoaded(logger, file, table.Count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return table.ToDictionary(t => t.Key, t => t.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Add(Dictionary<string, HashSet<string>> table, string key, string english)
    {
        if (key.Length < 2)
        {
            return;
        }

        if (!table.TryGetValue(key, out var set))
        {
            table[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(english);
    }

    // A gloss names a catalog thing when each of its words (stemmed) is a catalog word: "child" yes, "to hold up" no.
    private static bool Names(string gloss, IReadOnlySet<string> known)
    {
        var words = gloss.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is > 0 and <= 2 && words.All(w => known.Contains(TextTokens.Stem(w)));
    }

    /// <summary>The translations of a dictd entry: the lines after the headword, split at commas and semicolons.</summary>
    private static List<string> Glosses(string entry)
    {
        var result = new List<string>();
        foreach (var raw in entry.Split('\n').Skip(1))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("Note", StringComparison.Ordinal) || line.StartsWith("Synonym", StringComparison.Ordinal) || line.StartsWith("See", StringComparison.Ordinal))
            {
                continue;
            }

            // "1. bairn, child, infant" / "(n.) holder"
            line = NumberPrefix().Replace(line, string.Empty);
            line = Parenthesised().Replace(line, string.Empty);
            foreach (var part in line.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                var gloss = part.Trim().ToLowerInvariant();
                if (gloss.Length is > 1 and < 40 && !gloss.Contains('/', StringComparison.Ordinal))
                {
                    result.Add(gloss);
                }
            }
        }

        return result;
    }

    private static long Base64Number(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        long value = 0;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 64) + digit;
        }

        return value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+\.\s*")]
    private static partial System.Text.RegularExpressions.Regex NumberPrefix();

    [System.Text.RegularExpressions.GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]|<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Parenthesised();

    [LoggerMessage(1, LogLevel.Information, "FreeDict {File}: {Count} buyer words that name catalog things, read in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, string file, int count, long milliseconds);

    [LoggerMessage(2, LogLevel.Warning, "FreeDict {File} could not be read; its language is searched without it")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string file);
}
