using System.Text;
using LiveAssist.Translation.Figures;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// The embedded caption engine, sentence by sentence: the session's script (exact, then fuzzy with
/// the spoken figures put in), the translation memory, then a dictionary draft from Chinese
/// (CC-CEDICT + trade glossary), through Apertium for Spanish, Portuguese and French when installed.
/// Session glossary terms and figures are protected by placeholders, so they come out exactly as
/// given and rendered per language whatever the draft does around them.
/// </summary>
public sealed class OfflineCaptionTranslator(TranslationMemory memory, ChineseDictionary dictionary, Apertium apertium) : ICaptionTranslator
{
    public const string EngineName = "offline";
    public const string ScriptEngine = "offline-script";
    public const string ApertiumEngine = "offline-apertium";
    public const string FuzzyFlag = "fuzzy-match";
    private const double FuzzyThreshold = 0.75;

    public string Name => EngineName;

    public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = LanguageTags.Primary(request.From);
        var sentences = SentenceKey.Sentences(request.Text).Select(s => new ProtectedSentence(s, request.Session)).ToList();
        var steps = new System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>>(StringComparer.Ordinal);
        var targets = request.To.Select(LanguageTags.Primary).Distinct().ToList();
        var translated = await Task.WhenAll(targets.Select(target => target == source
            ? Task.FromResult(new TranslationResult(request.Text, "none", false, []))
            : TranslateToAsync(sentences, source, target, request, steps, cancellationToken))).ConfigureAwait(false);
        return targets.Zip(translated).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<TranslationResult> TranslateToAsync(List<ProtectedSentence> sentences, string source, string target, CaptionTranslationRequest request,
        System.Collections.Concurrent.ConcurrentDictionary<string, Task<string?>> steps, CancellationToken cancellationToken)
    {
        var session = request.Session;
        var pieces = new string?[sentences.Count];
        var engines = new HashSet<string>();
        var flags = new HashSet<string>();
        var needDraft = new List<int>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (ScriptMatch(sentence, target) is { } scripted)
            {
                pieces[i] = scripted.Text;
                engines.Add(ScriptEngine);
                if (scripted.Fuzzy)
                {
                    flags.Add(FuzzyFlag);
                }
            }
            else if (memory.Find(sentence.Text, source, target) is { } vetted && sentence.Figures.Count == 0)
            {
                pieces[i] = vetted;
                engines.Add(OfflineTranslator.MemoryEngine);
            }
            else
            {
                needDraft.Add(i);
            }
        }

        var untranslated = 0;
        if (needDraft.Count > 0)
        {
            // Apertium takes about half a second a step: finished lines only, partials get the instant dictionary draft.
            var route = source is "zh" or "en" && !request.IsPartial ? apertium.RouteFromEnglish(target) : null;
            var draftLanguage = route is null ? target : "en";
            var drafts = new List<string>();
            foreach (var i in needDraft)
            {
                var sentence = sentences[i];
                if (source == "zh")
                {
                    var (words, unknown, usedEnglish) = dictionary.Gloss(sentence.Protected, draftLanguage);
                    drafts.Add(OfflineTranslatorText.Join(words, draftLanguage));
                    if (unknown * 2 > sentence.Text.Length)
                    {
                        untranslated++;
                    }

                    if (usedEnglish && route is null)
                    {
                        flags.Add(TranslationFlags.Fallback);
                    }
                }
                else
                {
                    drafts.Add(sentence.Protected);
                    if (route is null || source != "en")
                    {
                        untranslated++;
                    }
                }
            }

            var engine = source == "zh" ? OfflineTranslator.DictionaryEngine : "none";
            if (route is not null && await apertium.TranslateAsync(string.Join('\n', drafts), route, steps, cancellationToken).ConfigureAwait(false) is { } translated
                && translated.Split('\n') is { } lines && lines.Length == drafts.Count)
            {
                drafts = [.. lines];
                engine = ApertiumEngine;
            }
            else if (route is not null && source == "zh")
            {
                // Apertium failed: redo the draft in the target language's own glossary words.
                drafts = [.. needDraft.Select(i => OfflineTranslatorText.Join(dictionary.Gloss(sentences[i].Protected, target).Words, target))];
                flags.Add(TranslationFlags.Fallback);
            }

            for (var k = 0; k < needDraft.Count; k++)
            {
                pieces[needDraft[k]] = OfflineTranslatorText.KeepEnding(sentences[needDraft[k]].Text, drafts[k].Trim(), target);
            }

            engines.Add(engine);
            if (engine != "none")
            {
                flags.Add(TranslationFlags.WordByWord);
            }
        }

        var output = new StringBuilder();
        for (var i = 0; i < sentences.Count; i++)
        {
            var piece = sentences[i].Restore(pieces[i] ?? string.Empty, target);
            if (output.Length > 0 && piece.Length > 0)
            {
                output.Append(target is "zh" or "ja" ? string.Empty : " ");
            }

            output.Append(piece);
        }

        if (untranslated == sentences.Count && sentences.Count > 0)
        {
            flags.Add(TranslationFlags.Untranslated);
        }
        else if (untranslated > 0)
        {
            flags.Add(TranslationFlags.Partial);
        }

        var isDraft = needDraft.Count > 0 || flags.Contains(FuzzyFlag);
        var name = engines.Contains(ApertiumEngine) ? ApertiumEngine
            : engines.Contains(OfflineTranslator.DictionaryEngine) ? OfflineTranslator.DictionaryEngine
            : engines.Contains(ScriptEngine) ? ScriptEngine
            : engines.Contains(OfflineTranslator.MemoryEngine) ? OfflineTranslator.MemoryEngine : "none";
        return new TranslationResult(output.ToString(), name, isDraft, [.. flags.Order(StringComparer.Ordinal)]);
    }

    private static (string Text, bool Fuzzy)? ScriptMatch(ProtectedSentence sentence, string target)
    {
        // The best script line that has this language: exact beats fuzzy, then the closer one.
        var best = sentence.ScriptCandidates.FirstOrDefault(c => c.Line.Translations!.ContainsKey(target));
        if (best.Line is null)
        {
            return null;
        }

        if (best.Exact)
        {
            return (best.Line.Translations![target], false);
        }

        // The script said other figures ("一块八" planned, "两块" said): put the spoken ones into the vetted line.
        var planned = FigureReader.Read(best.Line.Source);
        if (planned.Count != sentence.Figures.Count)
        {
            return null;
        }

        var text = best.Line.Translations![target];
        for (var i = 0; i < planned.Count; i++)
        {
            if (planned[i].Value != sentence.Figures[i].Value)
            {
                text = FigureText.ReplaceNumber(text, planned[i].Value, sentence.Figures[i].Value, target);
            }
        }

        return (text, true);
    }

    private static string FiguresOut(string text)
    {
        var figures = FigureReader.Read(text);
        var builder = new StringBuilder(text);
        foreach (var figure in figures.OrderByDescending(f => f.Start))
        {
            builder.Remove(figure.Start, figure.Length).Insert(figure.Start, "#");
        }

        return SentenceKey.Of(builder.ToString()) + "#";
    }


    /// <summary>A source sentence with glossary terms and figures swapped for private-use placeholders.</summary>
    private sealed class ProtectedSentence
    {
        private const char TermMark = '\uE000';
        private const char FigureMark = '\uE400';
        private readonly List<SessionTerm> _terms = [];

        private readonly Lazy<List<(SessionTerm Line, bool Exact, double Score)>> _scriptCandidates;

        public ProtectedSentence(string text, SessionTerms session)
        {
            Text = text;
            _scriptCandidates = new(() => RankScript(text, session));
            var builder = new StringBuilder(text);
            foreach (var term in session.Glossary.Where(t => t.Source.Length > 0).OrderByDescending(t => t.Source.Length))
            {
                var at = builder.ToString().IndexOf(term.Source, StringComparison.OrdinalIgnoreCase);
                while (at >= 0 && _terms.Count < 0x3FF)
                {
                    builder.Remove(at, term.Source.Length).Insert(at, $" {(char)(TermMark + _terms.Count)} ");
                    _terms.Add(term);
                    at = builder.ToString().IndexOf(term.Source, at + 1, StringComparison.OrdinalIgnoreCase);
                }
            }

            var withTerms = builder.ToString();
            Figures = FigureReader.Read(withTerms);
            foreach (var (figure, index) in Figures.Select((f, i) => (f, i)).Reverse())
            {
                builder.Remove(figure.Start, figure.Length).Insert(figure.Start, $" {(char)(FigureMark + index)} ");
            }

            Protected = builder.ToString();
        }

        public string Text { get; }

        public string Protected { get; }

        public IReadOnlyList<Figure> Figures { get; }

        /// <summary>Script lines that say this sentence (exact) or nearly (fuzzy), best first; worked out once for all languages.</summary>
        public List<(SessionTerm Line, bool Exact, double Score)> ScriptCandidates => _scriptCandidates.Value;

        private static List<(SessionTerm Line, bool Exact, double Score)> RankScript(string text, SessionTerms session)
        {
            var key = SentenceKey.Of(text);
            var withoutFigures = FiguresOut(text);
            var candidates = new List<(SessionTerm Line, bool Exact, double Score)>();
            foreach (var line in session.Script.Where(l => l.Translations is { Count: > 0 } && SentenceKey.Sentences(l.Source).Count == 1))
            {
                if (SentenceKey.Of(line.Source) == key)
                {
                    candidates.Add((line, true, 1));
                }
                else if (Similarity.Dice(FiguresOut(line.Source), withoutFigures) is var score and >= FuzzyThreshold)
                {
                    candidates.Add((line, false, score));
                }
            }

            return [.. candidates.OrderByDescending(c => c.Exact).ThenByDescending(c => c.Score)];
        }

        public string Restore(string translated, string language)
        {
            var builder = new StringBuilder(translated.Length + 32);
            foreach (var c in translated)
            {
                if (c >= TermMark && c < TermMark + _terms.Count)
                {
                    var term = _terms[c - TermMark];
                    builder.Append(term.Translations is not null && term.Translations.TryGetValue(language, out var given) ? given : term.Source);
                }
                else if (c >= FigureMark && c < FigureMark + Figures.Count)
                {
                    builder.Append(UnitWords.Render(Figures[c - FigureMark], language));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return OfflineTranslatorText.Tidy(builder.ToString(), language);
        }
    }
}
