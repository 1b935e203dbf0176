using System.Collections.Concurrent;
using System.Text.Json;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// Sentences with vetted translations in several languages: the shipped phrasebook plus whatever a
/// session adds (its script). Any language of an entry translates to any other.
/// </summary>
public sealed class TranslationMemory
{
    // (language, sentence key) → the entry's sentences by language.
    private readonly ConcurrentDictionary<(string Language, string Key), IReadOnlyDictionary<string, string>> _entries = new();

    public int Count => _entries.Count;

    public static TranslationMemory LoadPhrasebook()
    {
        using var stream = typeof(TranslationMemory).Assembly.GetManifestResourceStream("LiveAssist.Translation.Data.phrasebook.json")
            ?? throw new InvalidOperationException("phrasebook.json is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var memory = new TranslationMemory();
        foreach (var entry in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            memory.Add(entry.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase));
        }

        return memory;
    }

    /// <summary>Adds one sentence in several languages (language → text).</summary>
    public void Add(IReadOnlyDictionary<string, string> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        foreach (var (language, text) in entry)
        {
            var key = SentenceKey.Of(text);
            if (key.Length > 0)
            {
                _entries[(language, key)] = entry;
            }
        }
    }

    public string? Find(string sentence, string from, string to)
        => _entries.TryGetValue((from, SentenceKey.Of(sentence)), out var entry) && entry.TryGetValue(to, out var translated) ? translated : null;
}
