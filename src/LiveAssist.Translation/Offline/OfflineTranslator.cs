using System.Text;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// The translation engine that needs no network and no model: sentence by sentence, the translation
/// memory (vetted, exact) first, then for Chinese a word-by-word draft from the trade glossary and
/// CC-CEDICT. Every result says which of the two made it, and a word-by-word draft is flagged as such.
/// </summary>
public sealed class OfflineTranslator(TranslationMemory memory, ChineseDictionary dictionary) : ITranslator
{
    public const string MemoryEngine = "offline-memory";
    public const string DictionaryEngine = "offline-dictionary";

    public Task<TranslationResult> TranslateAsync(string text, string from, string to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = LanguageTags.Primary(from);
        var target = LanguageTags.Primary(to);
        if (source == target || string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult(new TranslationResult(text, "none", false, []));
        }

        var output = new StringBuilder();
        int fromMemory = 0, fromDictionary = 0, untranslated = 0;
        var englishForOther = false;
        foreach (var sentence in SentenceKey.Sentences(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string translated;
            if (memory.Find(sentence, source, target) is { } vetted)
            {
                translated = vetted;
                fromMemory++;
            }
            else if (source == "zh")
            {
                var (words, unknown, usedEnglish) = dictionary.Gloss(sentence, target);
                translated = OfflineTranslatorText.Join(words, target);
                englishForOther |= usedEnglish;
                if (unknown * 2 > sentence.Length)
                {
                    untranslated++;
                }
                else
                {
                    fromDictionary++;
                }
            }
            else
            {
                translated = sentence;
                untranslated++;
            }

            translated = OfflineTranslatorText.KeepEnding(sentence, translated, target);
            if (output.Length > 0)
            {
                output.Append(target is "zh" ? string.Empty : " ");
            }

            output.Append(translated);
        }

        var flags = new List<string>();
        if (fromMemory + fromDictionary == 0)
        {
            flags.Add(TranslationFlags.Untranslated);
        }
        else if (untranslated > 0)
        {
            flags.Add(TranslationFlags.Partial);
        }

        if (fromDictionary > 0)
        {
            flags.Add(TranslationFlags.WordByWord);
        }

        if (englishForOther)
        {
            flags.Add(TranslationFlags.Fallback); // some words are English glosses, not the buyer's language
        }

        var engine = fromDictionary > 0 ? DictionaryEngine : fromMemory > 0 ? MemoryEngine : "none";
        return Task.FromResult(new TranslationResult(output.ToString(), engine, fromDictionary > 0 || untranslated > 0, flags));
    }
}
