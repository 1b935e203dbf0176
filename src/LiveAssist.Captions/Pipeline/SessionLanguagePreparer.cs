using System.Collections.Concurrent;
using LiveAssist.Sessions;
using LiveAssist.Translation;
using LiveAssist.Translation.Chain;
using LiveAssist.Translation.Offline;

namespace LiveAssist.Captions.Pipeline;

/// <summary>
/// At creation of a live: fills the glossary and script into every caption language the merchant left out,
/// through the configured engines, else an English pivot (Apertium pairs where installed), else the
/// phrasebook's own product words, marking each filled translation as not vetted; then reports per
/// language what quality it gets. Nothing is refused or degraded without saying so.
/// </summary>
internal sealed class SessionLanguagePreparer(CaptionTranslationChain chain, Apertium apertium, LivestreamPhrasebook phrasebook) : ISessionPreparer
{
    public async Task<IReadOnlyDictionary<string, LanguageQuality>> PrepareAsync(LiveSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var source = session.SourcePrimaryLanguage();
        var steps = new ConcurrentDictionary<string, Task<string?>>(StringComparer.Ordinal);
        var report = new Dictionary<string, LanguageQuality>(StringComparer.OrdinalIgnoreCase);
        for (var g = 0; g < session.Glossary.Count; g++)
        {
            session.Glossary[g] = session.Glossary[g] with { Translations = new Dictionary<string, string>(session.Glossary[g].Translations ?? [], StringComparer.OrdinalIgnoreCase), Filled = [] };
        }

        for (var s = 0; s < session.Script.Count; s++)
        {
            session.Script[s] = session.Script[s] with { Translations = new Dictionary<string, string>(session.Script[s].Translations ?? [], StringComparer.OrdinalIgnoreCase), Filled = [] };
        }

        foreach (var lang in session.CaptionLanguages().Where(l => l != source))
        {
            var route = apertium.RouteFromEnglish(lang);
            int glossaryGiven = 0, glossaryFilled = 0, kept = 0, scriptGiven = 0, scriptFilled = 0;
            foreach (var entry in session.Glossary)
            {
                if (entry.Translations!.ContainsKey(lang))
                {
                    glossaryGiven++;
                }
                else if (!entry.Source.Any(ProtectedSentenceHan))
                {
                    // A Latin brand or model name (SunnyCup, FOB) reads the same in every caption: nothing to translate.
                }
                else if (await FillAsync(entry.Source, entry.Translations, session.SourceLanguage, lang, route, steps, word: true, cancellationToken).ConfigureAwait(false) is { } filled)
                {
                    entry.Translations[lang] = filled;
                    entry.Filled!.Add(lang);
                    glossaryFilled++;
                }
                else if (entry.Source.Any(ProtectedSentenceHan))
                {
                    kept++;
                }
            }

            foreach (var line in session.Script)
            {
                if (line.Translations!.ContainsKey(lang))
                {
                    scriptGiven++;
                }
                else if (await FillAsync(line.Source, line.Translations, session.SourceLanguage, lang, route, steps, word: false, cancellationToken).ConfigureAwait(false) is { } filled)
                {
                    line.Translations[lang] = filled;
                    line.Filled!.Add(lang);
                    scriptFilled++;
                }
            }

            // "draft": no engine and no phrasebook in this language, so unscripted lines are dictionary drafts only.
            var level = chain.HasExternalEngines ? "machine" : route is not null ? "phrasebook+apertium"
                : phrasebook.Languages.Contains(lang, StringComparer.OrdinalIgnoreCase) ? "phrasebook" : "draft";
            var notes = new List<string>();
            if (!chain.HasExternalEngines)
            {
                notes.Add($"Unscripted lines: the livestream phrasebook ({phrasebook.PatternCount} patterns) gives vetted {lang} text for common selling phrases; "
                    + (session.ShowDrafts ? "other clauses go on air as dictionary drafts (showDrafts is on)." : "for other clauses buyers see only the terms and figures, the console shows the dictionary draft (turn showDrafts on to put drafts on air).")
                    + " Configure Translator:Engines (azure, openai) for fluent unscripted captions.");
            }

            if (route is not null && !chain.HasExternalEngines)
            {
                notes.Add($"Dictionary drafts go through Apertium ({string.Join(" → ", route)}) from English.");
            }

            if (glossaryFilled + scriptFilled > 0)
            {
                notes.Add($"{glossaryFilled} glossary terms and {scriptFilled} script lines were filled by {(chain.HasExternalEngines ? "the translation engines" : route is not null ? "Apertium from your English" : "the phrasebook's product words")}: not vetted, check them.");
            }

            if (kept > 0)
            {
                notes.Add($"{kept} glossary terms have no {lang} translation and are shown as written (Chinese): add a translation.");
            }

            report[lang] = new LanguageQuality(level, chain.EngineNames, glossaryGiven, glossaryFilled, kept, scriptGiven, scriptFilled, notes);
        }

        return report;
    }

    private async Task<string?> FillAsync(string sourceText, Dictionary<string, string> given, string sourceLanguage, string lang, IReadOnlyList<string>? route,
        ConcurrentDictionary<string, Task<string?>> steps, bool word, CancellationToken cancellationToken)
    {
        if (chain.HasExternalEngines)
        {
            var external = await chain.TranslateExternallyAsync(new CaptionTranslationRequest(sourceText, sourceLanguage, [lang], SessionTerms.Empty), cancellationToken).ConfigureAwait(false);
            if (external.TryGetValue(lang, out var result) && result.IsTranslated && !result.Flags.Contains(TranslationFlags.FiguresOnly))
            {
                return result.Text;
            }
        }

        if (route is not null && given.TryGetValue("en", out var english) && english.Length > 0
            && await apertium.TranslateAsync(english, route, steps, cancellationToken).ConfigureAwait(false) is { Length: > 0 } pivoted)
        {
            return pivoted.Replace("*", string.Empty, StringComparison.Ordinal).Replace("#", string.Empty, StringComparison.Ordinal).Trim();
        }

        return word && phrasebook.Words.TryGetValue(sourceText, out var words) && words.TryGetValue(lang, out var shipped) ? shipped : null;
    }

    private static bool ProtectedSentenceHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}
