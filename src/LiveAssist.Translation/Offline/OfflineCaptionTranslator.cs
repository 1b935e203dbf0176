using System.Collections.Concurrent;
using System.Text;
using LiveAssist.Translation.Figures;

namespace LiveAssist.Translation.Offline;

/// <summary>
/// The embedded caption engine, sentence by sentence: the session's script (exact, then fuzzy with
/// the spoken figures put in), the translation memory, then clause by clause the livestream
/// phrasebook, and only for clauses it does not know a dictionary draft from Chinese (CC-CEDICT +
/// trade glossary), through Apertium for Spanish, Portuguese and French when installed.
/// Session glossary terms, product words and figures are protected by placeholders, so they come out
/// exactly as given and rendered per language whatever the draft does around them. A draft's
/// <see cref="TranslationResult.SafeText"/> keeps the vetted clauses and only the terms and figures of the rest.
/// </summary>
public sealed class OfflineCaptionTranslator(TranslationMemory memory, ChineseDictionary dictionary, Apertium apertium, LivestreamPhrasebook phrasebook) : ICaptionTranslator
{
    public const string EngineName = "offline";
    public const string ScriptEngine = "offline-script";
    public const string PhrasebookEngine = "offline-phrasebook";
    public const string ApertiumEngine = "offline-apertium";
    public const string FuzzyFlag = "fuzzy-match";
    private const string Ellipsis = "…";

    // Put before a clause that starts with a name or term, so joining it after a comma keeps its capital.
    private const char KeepCase = '\uE7FF';

    public string Name => EngineName;

    public async Task<IReadOnlyDictionary<string, TranslationResult>> TranslateAsync(CaptionTranslationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = LanguageTags.Primary(request.From);
        var sentences = SentenceKey.Sentences(request.Text).Select(s => new ProtectedSentence(s, request.Session, source == "zh" ? phrasebook : null, request.SpokenCurrency)).ToList();
        var steps = new ConcurrentDictionary<string, Task<string?>>(StringComparer.Ordinal);
        var targets = request.To.Select(LanguageTags.Primary).Distinct().ToList();
        var translated = await Task.WhenAll(targets.Select(target => target == source
            ? Task.FromResult(new TranslationResult(request.Text, "none", false, []))
            : TranslateToAsync(sentences, source, target, request, steps, cancellationToken))).ConfigureAwait(false);
        return targets.Zip(translated).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The merchant's own translation when the whole line is one of the script's lines as written; null otherwise.</summary>
    public static TranslationResult? VettedScriptLine(CaptionTranslationRequest request, string target)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = SentenceKey.Of(request.Text);
        foreach (var line in request.Session.Script)
        {
            if (line.Translations is not null && line.Translations.TryGetValue(target, out var given) && !line.Unvetted.Contains(target) && SentenceKey.Of(line.Source) == key)
            {
                return new TranslationResult(given, ScriptEngine, false, [TranslationFlags.Vetted]);
            }
        }

        return null;
    }

    private async Task<TranslationResult> TranslateToAsync(List<ProtectedSentence> sentences, string source, string target, CaptionTranslationRequest request,
        ConcurrentDictionary<string, Task<string?>> steps, CancellationToken cancellationToken)
    {
        // Each sentence is a list of pieces: vetted text, or a clause still to draft (index into drafts).
        var pieces = sentences.Select(_ => new List<Piece>()).ToList();
        var drafts = new List<(int Sentence, string Protected)>();
        var engines = new HashSet<string>();
        var flags = new HashSet<string>();
        var keptChinese = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (ScriptMatch(sentence, target) is { } scripted)
            {
                pieces[i].Add(new Piece(scripted.Text, null, string.Empty));
                engines.Add(ScriptEngine);
                flags.Add(scripted.Fuzzy ? FuzzyFlag : TranslationFlags.Vetted);
                if (scripted.Unvetted)
                {
                    flags.Add(TranslationFlags.Unvetted);
                }
            }
            else if (memory.Find(sentence.Text, source, target) is { } vetted && sentence.Figures.Count == 0)
            {
                pieces[i].Add(new Piece(vetted, null, string.Empty));
                engines.Add(OfflineTranslator.MemoryEngine);
            }
            else if (source == "zh")
            {
                foreach (var (clause, delimiter) in sentence.Clauses())
                {
                    foreach (var (part, isVocative) in SplitVocative(clause))
                    {
                        if (isVocative)
                        {
                            pieces[i].Add(new Piece(phrasebook.Vocative.GetValueOrDefault(target, phrasebook.Vocative["en"]), null, string.Empty));
                            continue;
                        }

                        if (Phrase(sentence, part, target, ref keptChinese) is { } phrase)
                        {
                            pieces[i].Add(new Piece(phrase, null, delimiter));
                            engines.Add(PhrasebookEngine);
                        }
                        else if (part.Trim().Length > 0)
                        {
                            pieces[i].Add(new Piece(null, drafts.Count, delimiter));
                            drafts.Add((i, part));
                        }
                    }
                }
            }
            else
            {
                pieces[i].Add(new Piece(null, drafts.Count, string.Empty));
                drafts.Add((i, sentence.Protected));
            }
        }

        var (draftTexts, untranslated) = drafts.Count == 0 ? ([], 0) : await DraftAsync(drafts, source, target, request, steps, engines, flags, cancellationToken).ConfigureAwait(false);
        if (untranslated > 0)
        {
            var anyVetted = pieces.Any(p => p.Any(piece => piece.Vetted is not null));
            flags.Add(untranslated == drafts.Count && !anyVetted ? TranslationFlags.Untranslated : TranslationFlags.Partial);
        }

        var output = new StringBuilder();
        var safe = new StringBuilder();
        var safeHasContent = false;
        for (var i = 0; i < sentences.Count; i++)
        {
            var (text, safeText, hasContent) = Compose(sentences[i], pieces[i], draftTexts, drafts, target, ref keptChinese);
            safeHasContent |= hasContent;
            Append(output, OfflineTranslatorText.KeepEnding(sentences[i].Text, text, target), target);
            Append(safe, safeText.Length > 0 && safeText != Ellipsis ? OfflineTranslatorText.KeepEnding(sentences[i].Text, safeText, target) : safeText, target);
        }

        if (keptChinese)
        {
            flags.Add(TranslationFlags.KeptAsWritten);
        }

        if (sentences.SelectMany(s => s.Terms).Any(t => t.Unvetted.Contains(target)))
        {
            flags.Add(TranslationFlags.Unvetted);
        }

        var isDraft = drafts.Count > 0;
        var name = engines.Contains(ApertiumEngine) ? ApertiumEngine
            : engines.Contains(OfflineTranslator.DictionaryEngine) ? OfflineTranslator.DictionaryEngine
            : engines.Contains(PhrasebookEngine) ? PhrasebookEngine
            : engines.Contains(ScriptEngine) ? ScriptEngine
            : engines.Contains(OfflineTranslator.MemoryEngine) ? OfflineTranslator.MemoryEngine : "none";
        return new TranslationResult(Finish(output.ToString()), name, isDraft, [.. flags.Order(StringComparer.Ordinal)])
        {
            SafeText = isDraft ? (safeHasContent ? Finish(safe.ToString()) : string.Empty) : null,
        };
    }

    private async Task<(List<string> Texts, int Untranslated)> DraftAsync(List<(int Sentence, string Protected)> drafts, string source, string target,
        CaptionTranslationRequest request, ConcurrentDictionary<string, Task<string?>> steps, HashSet<string> engines, HashSet<string> flags, CancellationToken cancellationToken)
    {
        // Apertium is for finished lines only; partials get the instant dictionary draft.
        var route = source is "zh" or "en" && !request.IsPartial ? apertium.RouteFromEnglish(target) : null;
        var draftLanguage = route is null ? target : "en";
        var texts = new List<string>();
        var untranslated = 0;
        foreach (var (sentence, text) in drafts)
        {
            if (source == "zh")
            {
                var (words, unknown, usedEnglish) = dictionary.Gloss(text, draftLanguage);
                texts.Add(OfflineTranslatorText.Join(words, draftLanguage));
                if (unknown * 2 > text.Count(ProtectedSentence.IsHan))
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
                texts.Add(text);
                if (route is null || source != "en")
                {
                    untranslated++;
                }
            }
        }

        var engine = source == "zh" ? OfflineTranslator.DictionaryEngine : "none";
        if (route is not null && await apertium.TranslateAsync(string.Join('\n', texts), route, steps, cancellationToken).ConfigureAwait(false) is { } translated
            && translated.Split('\n') is { } lines && lines.Length == texts.Count)
        {
            texts = [.. lines];
            engine = ApertiumEngine;
        }
        else if (route is not null && source == "zh")
        {
            // Apertium failed: redo the draft in the target language's own glossary words.
            texts = [.. drafts.Select(d => OfflineTranslatorText.Join(dictionary.Gloss(d.Protected, target).Words, target))];
            flags.Add(TranslationFlags.Fallback);
        }

        engines.Add(engine);
        if (engine != "none")
        {
            flags.Add(TranslationFlags.WordByWord);
        }

        return (texts, untranslated);
    }

    private (string Text, string Safe, bool SafeHasContent) Compose(ProtectedSentence sentence, List<Piece> pieces, List<string> draftTexts,
        List<(int Sentence, string Protected)> drafts, string target, ref bool keptChinese)
    {
        var text = new List<string>();
        var safe = new List<string>();
        var hasContent = false;
        foreach (var piece in pieces)
        {
            if (piece.Vetted is { } vetted)
            {
                text.Add(vetted);
                safe.Add(vetted);
                hasContent = true;
                continue;
            }

            var draft = sentence.Restore(draftTexts[piece.Draft!.Value].Trim(), target, out var kept);
            keptChinese |= kept;
            text.Add(draft);
            var form = sentence.SafeForm(drafts[piece.Draft.Value].Protected, target, out var keptInSafe);
            keptChinese |= keptInSafe;
            hasContent |= form.Length > 0;
            safe.Add(form.Length > 0 ? KeepCase + form : Ellipsis);
        }

        return (Join(text, target), Join([.. safe.Where((s, i) => s != Ellipsis || i == 0 || safe[i - 1] != Ellipsis)], target), hasContent);
    }

    // A line starts with a capital unless it starts with a term or name as the merchant wrote it ("termo").
    private static string Finish(string text)
        => (text.Length > 0 && text[0] == KeepCase ? text : OfflineTranslatorText.Capitalize(text)).Replace(KeepCase.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>Clauses joined the way the language writes a comma; a clause after the first starts in lower case unless it is a name or an acronym.</summary>
    private static string Join(List<string> clauses, string language)
    {
        var comma = language switch { "ar" => "، ", "ja" => "、", "zh" => "，", "th" => " ", _ => ", " };
        var builder = new StringBuilder();
        foreach (var clause in clauses.Where(c => c.Length > 0 && c != KeepCase.ToString()))
        {
            if (builder.Length == 0)
            {
                builder.Append(clause); // a leading KeepCase survives: the line then does not start with a capital it was not given
                continue;
            }

            var tail = builder[^1];
            var next = clause[0] == KeepCase ? clause[1..]
                : language != "de" && clause.Length > 1 && char.IsUpper(clause[0]) && char.IsLower(clause[1]) && !clause.StartsWith("I ", StringComparison.Ordinal)
                ? char.ToLowerInvariant(clause[0]) + clause[1..] : clause;
            builder.Append(char.IsPunctuation(tail) && tail is not ',' and not '،' and not '、' ? " " : comma).Append(next);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder output, string piece, string target)
    {
        if (output.Length > 0 && piece.Length > 0)
        {
            output.Append(target is "zh" or "ja" ? string.Empty : " ");
        }

        output.Append(piece);
    }

    /// <summary>A clause of the phrasebook, its slots filled in <paramref name="target"/>; null when no pattern says it.</summary>
    private string? Phrase(ProtectedSentence sentence, string clause, string target, ref bool keptChinese)
    {
        var (slotted, slots) = sentence.Slot(clause);
        var key = phrasebook.Key(slotted);
        if (key.Length == 0 || phrasebook.Match(key) is not { } match || !match.Pattern.Translations.TryGetValue(target, out var translation))
        {
            return null;
        }

        // Slots in the order of the Chinese pattern: figures and terms from the clause, names from the match.
        var values = new List<string>();
        int slot = 0, name = 0;
        foreach (var c in match.Pattern.Key)
        {
            if (c is LivestreamPhrasebook.Figure or LivestreamPhrasebook.Term)
            {
                if (slot >= slots.Count)
                {
                    return null;
                }

                var rendered = slots[slot++].Select(mark => (Text: sentence.Render(mark, target, out var kept), Kept: kept, Each: sentence.IsFigure(mark) && sentence.Figures[mark - ProtectedSentence.FigureMark].Kind == FigureKind.PerUnit)).ToList();
                keptChinese |= rendered.Any(r => r.Kept);
                values.Add(rendered.Any(r => r.Each) ? string.Join(" ", rendered.Select(r => r.Text)) : List([.. rendered.Select(r => r.Text)], target));
            }
            else if (c is LivestreamPhrasebook.Name)
            {
                var romanized = dictionary.Romanize(match.Names[name++]);
                if (romanized is null)
                {
                    return null;
                }

                values.Add(romanized);
            }
        }

        if (slot != slots.Count)
        {
            return null;
        }

        var text = new StringBuilder(translation);
        for (var k = values.Count; k >= 1; k--)
        {
            text.Replace("{" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", values[k - 1]);
        }

        var phrase = OfflineTranslatorText.Tidy(text.ToString(), target);
        return translation.StartsWith('{') ? KeepCase + phrase : phrase;
    }

    private string List(List<string> items, string language)
    {
        if (items.Count <= 1)
        {
            return items.FirstOrDefault() ?? string.Empty;
        }

        var and = phrasebook.And.GetValueOrDefault(language, phrasebook.And["en"]);
        var comma = language switch { "ar" => "، ", "ja" or "zh" => "、", _ => ", " };
        return string.Join(comma, items.Take(items.Count - 1)) + (and.Length > 0 ? " " + and + " " : comma) + items[^1];
    }

    private IEnumerable<(string Part, bool Vocative)> SplitVocative(string clause)
    {
        var trimmed = clause.TrimStart();
        foreach (var vocative in phrasebook.Vocatives)
        {
            if (trimmed.StartsWith(vocative, StringComparison.Ordinal))
            {
                yield return (vocative, true);
                trimmed = trimmed[vocative.Length..];
                break;
            }
        }

        yield return (trimmed, false);
    }

    private static (string Text, bool Fuzzy, bool Unvetted)? ScriptMatch(ProtectedSentence sentence, string target)
    {
        // The best script line that has this language: exact beats fuzzy, then the closer one.
        var best = sentence.ScriptCandidates.FirstOrDefault(c => c.Line.Translations!.ContainsKey(target));
        if (best.Line is null)
        {
            return null;
        }

        var unvetted = best.Line.Unvetted.Contains(target);
        if (best.Exact)
        {
            return (best.Line.Translations![target], false, unvetted);
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

        return (text, true, unvetted);
    }

    /// <summary>Vetted text, or the index of a clause in the drafts, and the punctuation after it.</summary>
    private sealed record Piece(string? Vetted, int? Draft, string Delimiter);
}
